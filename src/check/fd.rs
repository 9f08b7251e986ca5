//! Functional-dependency algebra over the columns of one table: closures, minimal covers and
//! candidate keys (Lucchesi–Osborn), with attribute sets as fixed-size bitsets.

/// A set of attributes (column positions), up to [`Attrs::CAPACITY`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Attrs([u64; 4]);

impl Attrs {
    /// The most attributes a set can hold; wider tables are reported as inconclusive.
    pub const CAPACITY: usize = 256;

    pub fn empty() -> Self {
        Self::default()
    }

    /// `{0, 1, …, n-1}`.
    pub fn first(n: usize) -> Self {
        let mut set = Self::empty();
        for i in 0..n.min(Self::CAPACITY) {
            set.insert(i);
        }
        set
    }

    pub fn of(items: impl IntoIterator<Item = usize>) -> Self {
        let mut set = Self::empty();
        for i in items {
            set.insert(i);
        }
        set
    }

    pub fn insert(&mut self, i: usize) {
        self.0[i / 64] |= 1 << (i % 64);
    }

    pub fn remove(&mut self, i: usize) {
        self.0[i / 64] &= !(1 << (i % 64));
    }

    pub fn contains(&self, i: usize) -> bool {
        self.0[i / 64] & (1 << (i % 64)) != 0
    }

    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|w| *w == 0)
    }

    pub fn len(&self) -> usize {
        self.0.iter().map(|w| w.count_ones() as usize).sum()
    }

    pub fn is_subset(&self, other: &Attrs) -> bool {
        self.0.iter().zip(other.0).all(|(a, b)| a & !b == 0)
    }

    pub fn union(&self, other: &Attrs) -> Attrs {
        Attrs(std::array::from_fn(|i| self.0[i] | other.0[i]))
    }

    pub fn minus(&self, other: &Attrs) -> Attrs {
        Attrs(std::array::from_fn(|i| self.0[i] & !other.0[i]))
    }

    pub fn intersect(&self, other: &Attrs) -> Attrs {
        Attrs(std::array::from_fn(|i| self.0[i] & other.0[i]))
    }

    /// Members in increasing order.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        (0..Self::CAPACITY).filter(|i| self.contains(*i))
    }
}

/// `lhs → rhs`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dependency {
    pub lhs: Attrs,
    pub rhs: Attrs,
}

/// A relation `R(U, F)`.
#[derive(Clone, Debug)]
pub struct Relation {
    pub universe: Attrs,
    pub fds: Vec<Dependency>,
}

/// The candidate keys, or as many as the cap allowed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Keys {
    pub keys: Vec<Attrs>,
    /// The enumeration stopped at its cap; more keys may exist.
    pub truncated: bool,
}

/// Most keys enumerated before the analysis gives up (test T9 with n = 10 has 1,024).
pub const KEY_CAP: usize = 256;

impl Relation {
    /// `X⁺` under the dependencies.
    pub fn closure(&self, x: Attrs) -> Attrs {
        closure_under(&self.fds, x)
    }

    pub fn is_superkey(&self, x: Attrs) -> bool {
        self.universe.is_subset(&self.closure(x))
    }

    /// A minimal key inside the superkey `s`, dropping attributes in `order`.
    fn minimize(&self, mut s: Attrs, order: &[usize]) -> Attrs {
        for &a in order {
            if s.contains(a) {
                let mut smaller = s;
                smaller.remove(a);
                if self.is_superkey(smaller) {
                    s = smaller;
                }
            }
        }
        s
    }

    /// Every candidate key by Lucchesi–Osborn, capped at [`KEY_CAP`].
    pub fn candidate_keys(&self) -> Keys {
        // Attributes on no right side are in every key; those on a right side but no left side
        // are in none. Dropping the latter first and never the former keeps minimize short.
        let on_rhs = self.fds.iter().fold(Attrs::empty(), |s, f| s.union(&f.rhs));
        let on_lhs = self.fds.iter().fold(Attrs::empty(), |s, f| s.union(&f.lhs));
        let only_rhs = on_rhs.minus(&on_lhs);
        let mut order: Vec<usize> = only_rhs.iter().collect();
        order.extend(on_rhs.intersect(&on_lhs).iter());
        let first = self.minimize(self.universe, &order);
        let mut keys = vec![first];
        let mut next = 0;
        while next < keys.len() {
            let key = keys[next];
            next += 1;
            for fd in &self.fds {
                let s = fd.lhs.union(&key.minus(&fd.rhs));
                if keys.iter().any(|k| k.is_subset(&s)) {
                    continue;
                }
                if keys.len() >= KEY_CAP {
                    return Keys {
                        keys,
                        truncated: true,
                    };
                }
                keys.push(self.minimize(s, &order));
            }
        }
        keys.sort();
        Keys {
            keys,
            truncated: false,
        }
    }

    /// A minimal cover: single-attribute right sides, no extraneous left attributes, no
    /// redundant dependency. Deterministic: attributes and dependencies in ordinal order.
    pub fn minimal_cover(&self) -> Vec<Dependency> {
        let mut cover: Vec<Dependency> = Vec::new();
        for fd in &self.fds {
            for a in fd.rhs.minus(&fd.lhs).iter() {
                let single = Dependency {
                    lhs: fd.lhs,
                    rhs: Attrs::of([a]),
                };
                if !cover.contains(&single) {
                    cover.push(single);
                }
            }
        }
        for i in 0..cover.len() {
            for b in cover[i].lhs.iter().collect::<Vec<_>>() {
                let mut reduced = cover[i].lhs;
                reduced.remove(b);
                if !reduced.is_empty() && cover[i].rhs.is_subset(&closure_under(&cover, reduced)) {
                    cover[i].lhs = reduced;
                }
            }
        }
        let mut i = 0;
        while i < cover.len() {
            let fd = cover.remove(i);
            if fd.rhs.is_subset(&closure_under(&cover, fd.lhs)) {
                continue;
            }
            cover.insert(i, fd);
            i += 1;
        }
        cover.dedup();
        cover
    }
}

fn closure_under(fds: &[Dependency], mut x: Attrs) -> Attrs {
    loop {
        let mut grew = false;
        for fd in fds {
            if fd.lhs.is_subset(&x) && !fd.rhs.is_subset(&x) {
                x = x.union(&fd.rhs);
                grew = true;
            }
        }
        if !grew {
            return x;
        }
    }
}
