//! The demo's own random numbers: a seeded SplitMix64 and weighted quotas.

/// SplitMix64 (Steele, Lea & Flood, 2014), hand-written here on purpose: the
/// demo must stay byte-identical across crate versions and platforms, which
/// an external random-number crate does not promise.
#[derive(Clone, Debug)]
pub(super) struct Rng {
    pub(super) state: u64,
}

impl Rng {
    /// An independent stream for one record group, so that a change in one
    /// group does not reshuffle the others.
    pub(super) fn stream(seed: u64, stream: u64) -> Self {
        let mut rng = Self { state: seed ^ stream.wrapping_mul(0xA076_1D64_78BD_642F) };
        rng.next_u64();
        rng
    }

    pub(super) fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `[0, n)`; 0 when `n` is 0.
    pub(super) fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// Uniform index into a slice of length `len` (0 when empty).
    pub(super) fn index(&mut self, len: usize) -> usize {
        self.below(len as u64) as usize
    }

    /// Uniform in `[lo, hi]`, both inclusive; `lo` when `hi < lo`.
    pub(super) fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + self.below(hi.abs_diff(lo) + 1) as i64
    }

    /// Uniform in `[0, 1)`.
    pub(super) fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub(super) fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// One item of a non-empty constant table.
    pub(super) fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.index(items.len())]
    }

    /// An index drawn with the given weights (0 when they are all 0).
    pub(super) fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u64 = weights.iter().map(|&w| u64::from(w)).sum();
        let mut ticket = self.below(total);
        for (i, &w) in weights.iter().enumerate() {
            if ticket < u64::from(w) {
                return i;
            }
            ticket -= u64::from(w);
        }
        0
    }

    pub(super) fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.index(i + 1);
            items.swap(i, j);
        }
    }
}

/// `n` category indices in shuffled order, with counts proportional to
/// `weights` (largest remainders) and every category present once `n` allows.
pub(super) fn quota(rng: &mut Rng, n: usize, weights: &[u32]) -> Vec<usize> {
    let total: usize = weights.iter().map(|&w| w as usize).sum::<usize>().max(1);
    let mut counts: Vec<usize> = weights.iter().map(|&w| n * w as usize / total).collect();
    let mut rest: Vec<(usize, usize)> =
        weights.iter().enumerate().map(|(i, &w)| (n * w as usize % total, i)).collect();
    rest.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let missing = n - counts.iter().sum::<usize>();
    for &(_, i) in rest.iter().take(missing) {
        counts[i] += 1;
    }
    if n >= weights.len() {
        for i in 0..counts.len() {
            if counts[i] == 0 {
                let donor = (0..counts.len()).max_by_key(|&j| (counts[j], usize::MAX - j));
                if let Some(donor) = donor {
                    counts[donor] -= 1;
                    counts[i] = 1;
                }
            }
        }
    }
    let mut out: Vec<usize> =
        counts.iter().enumerate().flat_map(|(i, &c)| std::iter::repeat_n(i, c)).collect();
    rng.shuffle(&mut out);
    out
}
