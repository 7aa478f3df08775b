//! Compact storage of the explored state graph.
//!
//! States themselves are not kept: each is known by a 64-bit fingerprint that
//! maps to a dense `u32` index, and everything else is a few bytes per index
//! (structure-of-arrays, so unused parts cost nothing). Paths are rebuilt by
//! replaying, from an initial state, the actions that lead to each next
//! state's fingerprint (see `trace.rs`).

use std::hash::{Hash, Hasher};

use xxhash_rust::xxh3::xxh3_64_with_seed;

pub(crate) use super::table::FpTable;

/// "No state": parent of initial states, and unset slots.
pub(crate) const NONE: u32 = u32::MAX;
/// Edge class of an action that is not weakly fair.
pub(crate) const UNFAIR: u8 = u8::MAX;
/// Flag: the state was expanded (inside the boundary, not cut by `max_states`).
pub(crate) const EXPANDED: u8 = 1;
/// Flag: the state was expanded and has no successors at all.
pub(crate) const TERMINAL: u8 = 2;

/// States per block of edge offsets: offsets within a block are 32-bit.
const BLOCK: usize = 256;

/// Fixed seed, so fingerprints (and hence indices and traces) are the same on
/// every run of the same build.
const SEED: u64 = 0x5359_4e41_434b_0001;

/// Deterministic 64-bit fingerprint of a state.
pub(crate) fn fingerprint<T: Hash>(value: &T) -> u64 {
    let mut h = Gather::default();
    value.hash(&mut h);
    h.finish()
}

/// The fingerprint under which `model` stores `state`: of the state itself,
/// or under symmetry the least of its forms' (the same for all the states
/// identified with it).
pub(crate) fn state_fingerprint<M: super::Checkable>(model: &M, state: &M::State) -> u64
where
    M::State: Hash,
{
    match model.symmetric_forms(state) {
        None => fingerprint(state),
        Some([a, b]) => fingerprint(&a).min(fingerprint(&b)),
    }
}

/// Bytes gathered before they are hashed in one go.
const GATHER: usize = 512;

/// A hasher that gathers a state's bytes and hashes them in bulk (XXH3).
///
/// A derived `Hash` of a state writes dozens of one-byte fields; hashing each
/// on its own costs more than the successor itself takes to compute. Copying
/// them into a buffer and hashing that as one slice is several times
/// cheaper. Longer states are hashed in pieces, each seeded by the hash of
/// the pieces before it.
struct Gather {
    buf: [u8; GATHER],
    len: usize,
    /// Hash of the pieces already full.
    seed: u64,
}

impl Default for Gather {
    fn default() -> Self {
        Gather {
            buf: [0; GATHER],
            len: 0,
            seed: SEED,
        }
    }
}

impl Gather {
    #[inline(always)]
    fn put<const N: usize>(&mut self, bytes: [u8; N]) {
        if self.len + N > GATHER {
            self.flush();
        }
        self.buf[self.len..self.len + N].copy_from_slice(&bytes);
        self.len += N;
    }

    #[cold]
    fn flush(&mut self) {
        self.seed = xxh3_64_with_seed(&self.buf[..self.len], self.seed);
        self.len = 0;
    }
}

impl Hasher for Gather {
    fn finish(&self) -> u64 {
        xxh3_64_with_seed(&self.buf[..self.len], self.seed)
    }
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        if self.len + bytes.len() > GATHER {
            self.flush();
            if bytes.len() > GATHER {
                self.seed = xxh3_64_with_seed(bytes, self.seed);
                return;
            }
        }
        self.buf[self.len..self.len + bytes.len()].copy_from_slice(bytes);
        self.len += bytes.len();
    }
    #[inline(always)]
    fn write_u8(&mut self, n: u8) {
        self.put(n.to_le_bytes());
    }
    #[inline(always)]
    fn write_u16(&mut self, n: u16) {
        self.put(n.to_le_bytes());
    }
    #[inline(always)]
    fn write_u32(&mut self, n: u32) {
        self.put(n.to_le_bytes());
    }
    #[inline(always)]
    fn write_u64(&mut self, n: u64) {
        self.put(n.to_le_bytes());
    }
    #[inline(always)]
    fn write_usize(&mut self, n: usize) {
        self.put((n as u64).to_le_bytes());
    }
}

/// The edges of one state: (target, fairness class or `UNFAIR`).
#[derive(Clone)]
pub(crate) struct Edges<'a> {
    bytes: &'a [u8],
    last: u32,
}

impl Iterator for Edges<'_> {
    type Item = (u32, u8);

    #[inline]
    fn next(&mut self) -> Option<(u32, u8)> {
        let mut word = 0u64;
        let mut shift = 0;
        loop {
            let (&b, rest) = self.bytes.split_first()?;
            self.bytes = rest;
            word |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                break;
            }
            shift += 7;
        }
        let class = if word & 1 == 1 {
            let (&c, rest) = self.bytes.split_first().expect("a fair edge's class");
            self.bytes = rest;
            c
        } else {
            UNFAIR
        };
        let zigzag = word >> 1;
        let delta = (zigzag >> 1) as i64 ^ -((zigzag & 1) as i64);
        self.last = (i64::from(self.last) + delta) as u32;
        Some((self.last, class))
    }
}

/// The explored graph: per-state data plus outgoing edges, compressed.
///
/// Indices are assigned in BFS discovery order, so the first `num_init`
/// states are the initial ones and states are expanded in index order.
#[derive(Default)]
pub(crate) struct Graph {
    /// The fingerprint of each state, by index: traces check each state
    /// they replay against it, and find the action to take by it. (The
    /// table from fingerprints to indices is only needed while exploring,
    /// see `explore.rs`.)
    pub fps: Vec<u64>,
    /// BFS-tree parent (`NONE` for initial states).
    pub parent: Vec<u32>,
    /// `EXPANDED` / `TERMINAL` bits.
    pub flags: Vec<u8>,
    /// Per state, the index in `label_values` of its (holds, enabled)
    /// pair (liveness only): a model has a handful of distinct pairs (13
    /// for client-server), so two bytes a state instead of eight.
    labels: Vec<u16>,
    /// Distinct (holds, enabled) pairs: bit `p` of holds set iff
    /// Eventually-condition `p` holds, bit `c` of enabled set iff some
    /// action of fairness class `c` is enabled.
    label_values: Vec<(u32, u32)>,
    /// Index of each pair in `label_values`.
    label_index: std::collections::HashMap<(u32, u32), u16>,
    /// The edges kept for liveness, state after state, each a varint:
    /// its target as a difference from the edge before (from the source
    /// for the first), zigzagged, shifted left by one, with the low bit set
    /// for a fair edge, whose class then follows in one byte. A target is
    /// mostly a few thousand indices from the one before: two or three
    /// bytes an edge rather than nine.
    pub edge_bytes: Vec<u8>,
    /// Where the edges of state `v` start in `edge_bytes`: `edge_block[v /
    /// BLOCK] + edge_start[v]`.
    pub edge_start: Vec<u32>,
    /// Start of each block of `BLOCK` states' edges in `edge_bytes`.
    pub edge_block: Vec<u64>,
    /// Target of the last edge pushed (the reference of the next one).
    last_target: u32,
    /// Number of distinct initial states (they are indices `0..num_init`).
    pub num_init: u32,
    /// Whether liveness data (`holds`, `enabled`, edges) is recorded.
    pub liveness: bool,
}

impl Graph {
    /// An empty graph; liveness data is kept only if some property needs it.
    pub fn new(liveness: bool) -> Self {
        Graph {
            liveness,
            ..Graph::default()
        }
    }

    /// Number of distinct states.
    pub fn len(&self) -> usize {
        self.parent.len()
    }

    /// Registers the state with fingerprint `fp` in `map` and here, unless
    /// it is known already. Returns its index and whether it is new (one
    /// probe either way). `map` must have room (`FpTable::reserve`).
    pub fn add(&mut self, map: &FpTable, fp: u64, parent: u32, holds: u32) -> (u32, bool) {
        // The top two `u32` values are sentinels (here and in liveness.rs).
        let index = u32::try_from(self.parent.len())
            .ok()
            .filter(|&i| i < u32::MAX - 1)
            .expect("more than 2^32 - 2 distinct states");
        if let Err(known) = map.insert(fp, index) {
            return (known, false);
        }
        self.parent.push(parent);
        self.flags.push(0);
        if self.liveness {
            let label = self.label((holds, 0));
            self.labels.push(label);
        }
        (index, true)
    }

    /// The label of a (holds, enabled) pair, added if new.
    fn label(&mut self, pair: (u32, u32)) -> u16 {
        if let Some(&label) = self.label_index.get(&pair) {
            return label;
        }
        let label = u16::try_from(self.label_values.len()).expect(
            "more than 65,536 distinct combinations of Eventually-conditions and fairness classes",
        );
        self.label_values.push(pair);
        self.label_index.insert(pair, label);
        label
    }

    /// Which Eventually-conditions hold in `v` (a bit each; liveness only).
    #[inline]
    pub fn holds(&self, v: u32) -> u32 {
        self.label_values[usize::from(self.labels[v as usize])].0
    }

    /// Which fairness classes are enabled in `v` (a bit each; liveness only).
    #[inline]
    pub fn enabled(&self, v: u32) -> u32 {
        self.label_values[usize::from(self.labels[v as usize])].1
    }

    /// Records the fairness classes enabled in `v`, once expanded.
    pub fn set_enabled(&mut self, v: u32, enabled: u32) {
        let label = self.label((self.holds(v), enabled));
        self.labels[v as usize] = label;
    }

    /// Starts the edge list of `v`; states since the last call get none.
    /// Must be called in increasing `v` order (BFS expansion order).
    pub fn open_edges(&mut self, v: u32) {
        while self.edge_start.len() <= v as usize {
            self.mark_start();
        }
        self.last_target = v;
    }

    /// Records that the next state's edges start at the end of `edge_bytes`.
    fn mark_start(&mut self) {
        let at = self.edge_bytes.len() as u64;
        if self.edge_start.len().is_multiple_of(BLOCK) {
            self.edge_block.push(at);
        }
        let base = *self.edge_block.last().expect("a block was opened");
        let offset = u32::try_from(at - base).expect("4 GiB of edges in one block of states");
        self.edge_start.push(offset);
    }

    /// Appends an edge to the list opened last.
    pub fn push_edge(&mut self, target: u32, class: u8) {
        let delta = i64::from(target) - i64::from(self.last_target);
        self.last_target = target;
        let zigzag = ((delta << 1) ^ (delta >> 63)) as u64;
        let mut word = zigzag << 1 | u64::from(class != UNFAIR);
        while word >= 0x80 {
            self.edge_bytes.push(word as u8 | 0x80);
            word >>= 7;
        }
        self.edge_bytes.push(word as u8);
        if class != UNFAIR {
            self.edge_bytes.push(class);
        }
    }

    /// Closes the edge lists once exploration is over.
    pub fn finish(&mut self) {
        while self.edge_start.len() <= self.len() {
            self.mark_start();
        }
        self.edge_bytes.shrink_to_fit();
    }

    fn edge_offset(&self, v: usize) -> usize {
        (self.edge_block[v / BLOCK] + u64::from(self.edge_start[v])) as usize
    }

    /// The edges of `v` (after `finish`), in the order they were pushed.
    pub fn edges(&self, v: u32) -> Edges<'_> {
        let v = v as usize;
        Edges {
            bytes: &self.edge_bytes[self.edge_offset(v)..self.edge_offset(v + 1)],
            last: v as u32,
        }
    }

    /// Whether `v` was expanded.
    pub fn expanded(&self, v: u32) -> bool {
        self.flags[v as usize] & EXPANDED != 0
    }

    /// Whether `v` was expanded and has no successor.
    pub fn terminal(&self, v: u32) -> bool {
        self.flags[v as usize] & TERMINAL != 0
    }
}
