//! Bitstate search (Holzmann's supertrace, SPIN's `-DBITSTATE`): for models
//! too large to store.
//!
//! A state is remembered as a few bits set in one large bit array, not as a
//! fingerprint and an index: a billion bits hold hundreds of millions of
//! states. The price is that a new state whose bits all happen to be set
//! already is taken for one seen, and it and what only it leads to go
//! unexplored. So a bitstate run proves nothing holds: every violation and
//! witness it finds is real (its trace is replayed from the model), and
//! everything else is undecided, with an estimate of the states it lost.
//!
//! Each state's parent and fingerprint are written to a temporary file as
//! it is found (12 bytes a state, on disk, as TLC keeps its trace), so a
//! counterexample is still rebuilt, breadth-first hence short; the frontier
//! waits on disk as in the full search. No graph is kept: Eventually-
//! properties are not checked.

use std::fs::File;
use std::hash::Hash;
use std::io::{self, BufWriter, Write};
use std::time::{Duration, Instant};

use stateright::Model;

use super::frontier::{Item, Level, States};
use super::graph::{state_fingerprint, NONE};
use super::properties::{low_bits, take_fresh, watched_found, Checks};
use super::{trace, Checkable, Options, Progress, Stop, Trace};

/// Bits set per state (SPIN's `-k3`, its default).
pub const HASHES: u32 = 3;

/// Minimum time between two progress reports.
const PROGRESS_EVERY: Duration = Duration::from_millis(100);

/// How much of the state space a bitstate search saw, as far as can be
/// estimated.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Coverage {
    /// Bits in the array (a power of two).
    pub bits: u64,
    /// Bits set per state.
    pub hashes: u32,
    /// Distinct states stored (and expanded, unless a bound stopped it).
    pub stored: u64,
    /// Expected number of new states taken for seen ones. With `i` states
    /// stored, a new state's bits are all set already with chance `p(i) =
    /// (1 - e^(-k i / m))^k`, so each state stored costs `p / (1 - p)`
    /// lost on average before it: the sum of that over the states stored.
    /// States that only lost ones lead to are not counted: this is a lower
    /// bound on what was missed, close when few are lost.
    pub expected_lost: f64,
}

impl Coverage {
    /// Estimated fraction of the states reached that were stored:
    /// `stored / (stored + expected_lost)`.
    pub fn estimate(&self) -> f64 {
        let n = self.stored as f64;
        if n == 0.0 {
            1.0
        } else {
            n / (n + self.expected_lost)
        }
    }

    /// Bits per state stored (SPIN's "hash factor"): above 100, few
    /// states are lost; near 1, most.
    pub fn hash_factor(&self) -> f64 {
        self.bits as f64 / (self.stored.max(1)) as f64
    }

    fn new(bits: u64, stored: u64) -> Coverage {
        // p / (1 - p) summed over i < n, by the midpoint rule on a thousand
        // pieces (the summand is smooth and increasing).
        let k = f64::from(HASHES);
        let (m, n) = (bits as f64, stored as f64);
        let pieces = 1000.0;
        let width = n / pieces;
        let expected_lost = (0..1000)
            .map(|j| {
                let i = (f64::from(j) + 0.5) * width;
                let p = (1.0 - (-k * i / m).exp()).powf(k).min(1.0 - 1e-12);
                p / (1.0 - p) * width
            })
            .sum();
        Coverage {
            bits,
            hashes: HASHES,
            stored,
            expected_lost,
        }
    }
}

/// The bit array.
struct Bits {
    words: Vec<u64>,
    mask: u64,
}

impl Bits {
    /// The largest power of two of bits that fits in `bytes` (at least 64).
    fn new(bytes: u64) -> Bits {
        let bits = (bytes.saturating_mul(8)).max(64);
        let bits = 1u64 << (63 - bits.leading_zeros());
        let words = usize::try_from(bits / 64).expect("bit array larger than memory");
        // Zeroed by the system, page by page as first touched.
        Bits {
            words: vec![0; words],
            mask: bits - 1,
        }
    }

    /// Sets the bits of `fp`; true if some was not set (the state is new).
    fn insert(&mut self, fp: u64) -> bool {
        // Double hashing over the fingerprint's two halves, the second
        // mixed so that states sharing one half differ in the other.
        let h1 = fp;
        let h2 =
            (fp.rotate_left(32) ^ 0x9e37_79b9_7f4a_7c15).wrapping_mul(0xff51_afd7_ed55_8ccd) | 1;
        let mut new = false;
        for i in 0..u64::from(HASHES) {
            let bit = h1.wrapping_add(i.wrapping_mul(h2)) & self.mask;
            let word = &mut self.words[(bit / 64) as usize];
            let b = 1u64 << (bit % 64);
            new |= *word & b == 0;
            *word |= b;
        }
        new
    }
}

/// Each state's parent and fingerprint, by index, on disk.
struct Tree {
    writer: BufWriter<File>,
}

/// Bytes per state in the tree file: parent (4) and fingerprint (8).
const RECORD: u64 = 12;

impl Tree {
    fn create() -> io::Result<Tree> {
        Ok(Tree {
            writer: BufWriter::with_capacity(1 << 20, tempfile::tempfile()?),
        })
    }

    fn push(&mut self, parent: u32, fp: u64) -> io::Result<()> {
        let mut record = [0; RECORD as usize];
        record[..4].copy_from_slice(&parent.to_le_bytes());
        record[4..].copy_from_slice(&fp.to_le_bytes());
        self.writer.write_all(&record)
    }

    /// The fingerprints from an initial state down to `v`.
    fn path(&mut self, v: u32) -> io::Result<Vec<u64>> {
        use std::io::{Read, Seek, SeekFrom};
        self.writer.flush()?;
        let file = self.writer.get_mut();
        let mut fps = Vec::new();
        let mut at = v;
        while at != NONE {
            let mut record = [0; RECORD as usize];
            file.seek(SeekFrom::Start(u64::from(at) * RECORD))?;
            file.read_exact(&mut record)?;
            fps.push(u64::from_le_bytes(record[4..].try_into().expect("8 bytes")));
            at = u32::from_le_bytes(record[..4].try_into().expect("4 bytes"));
        }
        file.seek(SeekFrom::End(0))?;
        fps.reverse();
        Ok(fps)
    }
}

/// The states stored so far.
struct Store<S> {
    tree: Tree,
    stored: u64,
    boundary_states: usize,
    /// Room to pass one state to a [`Level`].
    one: States<S>,
}

impl<S> Store<S> {
    /// A new state found from `parent`: stored, checked, queued on `level`
    /// if inside the boundary.
    #[allow(clippy::too_many_arguments)]
    fn found<M: Checkable<State = S>>(
        &mut self,
        model: &M,
        checks: &Checks<M>,
        state: S,
        (fp, parent): (u64, u32),
        level: &mut Level<S>,
        pending: &mut u64,
        discoveries: &mut [u32],
    ) -> io::Result<()> {
        let id = self.stored as u32;
        self.tree.push(parent, fp)?;
        self.stored += 1;
        let (inside, _, hits) = checks.evaluate(model, &state, *pending);
        take_fresh(hits, pending, |slot| discoveries[slot] = id);
        if inside {
            self.one.push(state);
            let item: Item<'_, S> = self.one.drain().next().expect("one state");
            level.push(id, item);
            self.one.clear();
        } else {
            self.boundary_states += 1;
        }
        Ok(())
    }
}

/// What a bitstate search found.
pub(crate) struct Searched<M: Model> {
    pub states_generated: u64,
    pub max_depth: usize,
    pub boundary_states: usize,
    /// A bound that stopped it, besides bitstate's own incompleteness.
    pub stopped: Option<Stop>,
    /// Per safety slot, the trace to its first discovery.
    pub discoveries: Vec<Option<Trace<M>>>,
    /// Per step property, the trace through its first step.
    pub step_discoveries: Vec<Option<Trace<M>>>,
    pub coverage: Coverage,
}

/// Breadth-first bitstate search of `model` with a bit array of `bytes`.
pub(crate) fn search<M>(
    model: &M,
    checks: &Checks<M>,
    options: &Options,
    bytes: u64,
    watched: u64,
    progress: &mut dyn FnMut(&Progress),
) -> io::Result<Searched<M>>
where
    M: Checkable,
    M::State: Hash + Clone,
    M::Action: Clone,
{
    let mut bits = Bits::new(bytes);
    let mut store = Store {
        tree: Tree::create()?,
        stored: 0,
        boundary_states: 0,
        one: States::new(None),
    };
    let max_states = options
        .max_states
        .unwrap_or(usize::MAX)
        .min(NONE as usize - 1) as u64;
    let mut states_generated = 0;
    let mut discoveries: Vec<u32> = vec![NONE; checks.safety.len()];
    let mut pending = low_bits(checks.safety.len());
    let mut step_found: Vec<Option<(u32, u32, u64)>> = vec![None; checks.steps.len()];
    let mut pending_steps = low_bits(checks.steps.len());
    let mut level: Level<M::State> = Level::new(None);
    let mut next: Level<M::State> = Level::new(None);
    let mut stopped = None;
    let mut depth = 0;
    let mut max_depth = 0;
    let mut last_report = Instant::now();

    for state in model.init_states() {
        states_generated += 1;
        let fp = state_fingerprint(model, &state);
        if bits.insert(fp) {
            store.found(
                model,
                checks,
                state,
                (fp, NONE),
                &mut level,
                &mut pending,
                &mut discoveries,
            )?;
        }
    }
    let mut actions = Vec::new();
    'levels: while !level.is_empty() {
        if options.max_depth.is_some_and(|d| depth >= d) {
            stopped = Some(Stop::MaxDepth);
            break;
        }
        for i in 0..level.len() {
            level.load_before(i + 1);
            let state = level.get(i).into_owned();
            let v = level.id(i);
            model.actions(&state, &mut actions);
            for (a, action) in actions.drain(..).enumerate() {
                let taken = (pending_steps != 0).then(|| action.clone());
                let Some(next_state) = model.next_state(&state, action) else {
                    continue;
                };
                states_generated += 1;
                let fp = state_fingerprint(model, &next_state);
                let steps = taken.map_or(0, |t| {
                    checks.evaluate_step(model, &state, &t, &next_state, pending_steps)
                });
                take_fresh(steps, &mut pending_steps, |slot| {
                    step_found[slot] = Some((v, a as u32, fp));
                });
                if bits.insert(fp) {
                    if store.stored >= max_states {
                        stopped = Some(Stop::MaxStates);
                        break 'levels;
                    }
                    store.found(
                        model,
                        checks,
                        next_state,
                        (fp, v),
                        &mut next,
                        &mut pending,
                        &mut discoveries,
                    )?;
                    max_depth = depth + 1;
                }
            }
            level.release_before(i + 1);
            if last_report.elapsed() >= PROGRESS_EVERY {
                progress(&Progress {
                    distinct_states: store.stored as usize,
                    states_generated,
                    depth: max_depth,
                });
                last_report = Instant::now();
            }
        }
        level.clear();
        std::mem::swap(&mut level, &mut next);
        depth += 1;
        if options.stop_on_violation && watched_found(&discoveries, watched) && !level.is_empty() {
            stopped = Some(Stop::Violation);
            break;
        }
    }
    let Store {
        mut tree,
        stored,
        boundary_states,
        ..
    } = store;
    progress(&Progress {
        distinct_states: store.stored as usize,
        states_generated,
        depth: max_depth,
    });

    let discoveries = discoveries
        .iter()
        .map(|&d| {
            (d != NONE)
                .then(|| Ok(trace::path_by_fingerprints(model, &tree.path(d)?, None)))
                .transpose()
        })
        .collect::<io::Result<_>>()?;
    let step_discoveries = step_found
        .iter()
        .map(|d| {
            d.map(|(v, action, fp)| {
                let path = tree.path(v)?;
                Ok(trace::path_by_fingerprints(
                    model,
                    &path,
                    Some((action, fp)),
                ))
            })
            .transpose()
        })
        .collect::<io::Result<_>>()?;
    Ok(Searched {
        states_generated,
        max_depth,
        boundary_states,
        stopped,
        discoveries,
        step_discoveries,
        coverage: Coverage::new(bits.mask + 1, stored),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_estimate_grows_with_the_states_per_bit() {
        // 2^30 bits: few losses at a million states, many at a billion.
        let few = Coverage::new(1 << 30, 1_000_000);
        assert!(few.expected_lost < 1.0, "{few:?}");
        assert!(few.estimate() > 0.999_999);
        let many = Coverage::new(1 << 30, 1 << 30);
        assert!(many.estimate() < 0.9, "{many:?}");
        assert_eq!(many.hash_factor(), 1.0);
    }

    #[test]
    fn a_tiny_array_loses_states() {
        let mut bits = Bits::new(8);
        assert_eq!(bits.mask, 63);
        let new = (0..1000u64)
            .map(|i| i.wrapping_mul(0x9e37_79b9_7f4a_7c15))
            .filter(|&fp| bits.insert(fp))
            .count();
        assert!(new < 100, "{new} of 1000 stored in 64 bits");
        assert!(
            !bits.insert(0x9e37_79b9_7f4a_7c15),
            "a state seen stays seen"
        );
    }
}
