//! A small deterministic random generator (SplitMix64) so generated data depends only on the seed.

/// Deterministic pseudo-random generator.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    /// An independent generator derived from this seed and a label.
    pub fn fork(&self, label: &str) -> Rng {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in label.bytes() {
            h ^= b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        Rng::new(self.0 ^ h)
    }

    /// Next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform integer in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next_u64() % n
        }
    }

    /// Uniform integer in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            lo
        } else {
            lo + self.below((hi - lo + 1) as u64) as i64
        }
    }

    /// Uniform float in `[0, 1)`.
    pub fn f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.f64() < p
    }

    /// A random element of a non-empty slice (the first element's clone for an empty slice is impossible,
    /// so callers pass non-empty slices).
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// `n` random lowercase letters.
    pub fn letters(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| (b'a' + self.below(26) as u8) as char)
            .collect()
    }

    /// `n` random lowercase hex digits.
    pub fn hex(&mut self, n: usize) -> String {
        const HEX: &[u8] = b"0123456789abcdef";
        (0..n)
            .map(|_| HEX[self.below(16) as usize] as char)
            .collect()
    }

    /// A random version-4 style UUID string.
    pub fn uuid(&mut self) -> String {
        let h = self.hex(32);
        format!(
            "{}-{}-4{}-8{}-{}",
            &h[0..8],
            &h[8..12],
            &h[13..16],
            &h[17..20],
            &h[20..32]
        )
    }

    /// `n` random bytes.
    pub fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.below(256) as u8).collect()
    }
}

/// A smooth deterministic "wandering" value: `base` plus slow waves plus jitter, at time `t` seconds.
pub fn wander(seed: u64, t: f64, base: f64, amplitude: f64) -> f64 {
    let phase = (seed % 1000) as f64 / 159.0;
    let slow = (t / 97.0 + phase).sin() * 0.6 + (t / 23.0 + phase * 2.0).sin() * 0.3;
    let step = (t / 5.0).floor() as u64;
    let mut r = Rng::new(seed ^ step.wrapping_mul(0x2545_F491_4F6C_DD1D));
    let jitter = (r.f64() - 0.5) * 0.2;
    base + amplitude * (slow + jitter)
}

/// A monotonically growing counter: `start` plus `rate` per second with deterministic small steps.
pub fn counter(seed: u64, t: f64, start: f64, rate: f64) -> f64 {
    let t = t.max(0.0);
    let wobble = ((t / 31.0 + (seed % 97) as f64).sin() + 1.0) * rate * 3.0;
    start + rate * t + wobble
}
