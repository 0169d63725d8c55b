//! The read caches panels draw from, loaded from the store in place when
//! something changed (never per frame): the customer rows (when not loaded
//! on a worker), the selected customer's detail, and the pipeline's read
//! models and activity timeline.

use super::LadderApp;
use crate::domain::customer::CustomerId;
use crate::ui::{CustomerDetail, Panel};

impl LadderApp {
    /// Loads the customer rows again (in place; in the window the customer
    /// job does it for the new data version).
    pub(super) fn reload_customers(&mut self) {
        let Some(store) = &self.store else {
            self.cache.customers.set(Vec::new().into());
            return;
        };
        if self.jobs.customers_async {
            return; // `poll_customers` loads them for the new data version.
        }
        self.jobs.customers.finish(self.data_version);
        match store.customer_rows() {
            Ok(rows) => self.cache.customers.set(rows.into()),
            Err(e) => {
                self.set_error(self.t().store_error(&e));
                self.cache.customers.touch();
            }
        }
    }

    /// The open customer's purchases again (after an import), leaving its
    /// form as it is: what the user is typing there stays.
    pub(super) fn reload_purchases(&mut self) {
        let (Some(store), Some(detail)) = (&self.store, self.cache.detail.quiet_mut()) else {
            return;
        };
        match store.customer_purchases(detail.customer.id) {
            Ok(purchases) => detail.purchases = purchases,
            Err(e) => {
                let text = self.t().store_error(&e);
                self.set_error(text);
            }
        }
    }

    /// The open customer's sales, surveys and contact persons again (after
    /// one was entered, changed or deleted), leaving its form as it is.
    pub(super) fn reload_entries(&mut self) {
        let (Some(store), Some(detail)) = (&self.store, self.cache.detail.quiet_mut()) else {
            return;
        };
        let id = detail.customer.id;
        let loaded = store
            .customer_purchases(id)
            .and_then(|p| Ok((p, store.customer_surveys(id)?, store.customer_contacts(id)?)));
        match loaded {
            Ok((purchases, surveys, contacts)) => {
                detail.purchases = purchases;
                detail.surveys = surveys;
                detail.contacts = contacts;
            }
            Err(e) => {
                let text = self.t().store_error(&e);
                self.set_error(text);
            }
        }
    }

    /// Loads a customer's record, history and purchases as the selected
    /// one (`None`, or a trashed customer: nothing selected).
    pub(super) fn load_detail(&mut self, id: Option<CustomerId>) {
        let detail = match (&self.store, id) {
            (Some(store), Some(id)) => {
                let loaded = store.customer(id).and_then(|stored| {
                    Ok((
                        stored.deleted,
                        CustomerDetail {
                            history: store.customer_history(id)?,
                            purchases: store.customer_purchases(id)?,
                            surveys: store.customer_surveys(id)?,
                            contacts: store.customer_contacts(id)?,
                            customer: stored.customer,
                        },
                    ))
                });
                match loaded {
                    Ok((false, detail)) => Some(detail),
                    Ok((true, _)) => None,
                    Err(e) => {
                        self.set_error(self.t().store_error(&e));
                        None
                    }
                }
            }
            _ => None,
        };
        self.cache.detail.set(detail);
        // The form reads these only when they are set again.
        self.cache.form_errors.quiet_mut().clear();
    }

    /// Switches to the pipeline's activities of this customer.
    pub(super) fn show_activities(&mut self, id: CustomerId) {
        self.session.prefs.panel = Panel::Pipeline;
        let code = self.cache.customers.by_id(id).map(|c| c.code.clone());
        self.panels.pipeline.show_activities(code.unwrap_or_default());
        self.load_activities(id);
    }

    /// Switches to the customer library and selects this customer.
    pub(super) fn show_customer(&mut self, id: CustomerId) {
        self.session.prefs.panel = Panel::Customers;
        self.load_detail(Some(id));
    }

    /// Reloads the pipeline's read models when the data changed while the
    /// pipeline panel is shown (a few small queries, not per frame). The
    /// ladder totals are summed from the customer rows already loaded.
    pub(super) fn refresh_pipeline(&mut self) {
        let key = (self.data_version, self.cache.customers.generation());
        if self.session.prefs.panel != Panel::Pipeline || self.pipeline_key == Some(key) {
            return;
        }
        self.pipeline_key = Some(key);
        let Some(store) = &self.store else { return };
        self.cache.ladder_totals = crate::store::pipeline::ladder_totals_of(&self.cache.customers);
        let loaded = store
            .opportunity_rows()
            .and_then(|o| Ok((o, store.stage_totals()?, store.latest_churn_records()?)));
        match loaded {
            Ok((opportunities, stages, churn)) => {
                self.cache.opportunities = opportunities;
                self.cache.stage_totals = stages;
                self.cache.churn_records = churn.into_iter().map(|r| (r.customer, r)).collect();
            }
            Err(e) => self.set_error(self.t().store_error(&e)),
        }
        if let Some((id, _)) = self.cache.activities {
            self.load_activities(id);
        }
    }

    /// Loads a customer's activity timeline (pipeline panel).
    pub(super) fn load_activities(&mut self, id: CustomerId) {
        let Some(store) = &self.store else { return };
        match store.activities_of(id).and_then(|a| Ok((a, store.complaints_of(id)?))) {
            Ok((list, complaints)) => {
                self.cache.activities = Some((id, list));
                self.cache.activity_complaints = complaints;
            }
            Err(e) => self.set_error(self.t().store_error(&e)),
        }
    }
}
