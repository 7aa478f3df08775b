//! Parallel expansion of a batch of frontier states.
//!
//! A batch is cut into chunks that threads claim one at a time, so a slow
//! or descheduled thread does not hold the others up. Each state's
//! successors are computed with their fingerprints, and those not yet in the
//! fingerprint map (read-only while workers run) with their property bits.
//! Which thread expands what does not matter: the merge that follows
//! (`explore.rs`) consumes the chunks in frontier order.

use std::hash::Hash;
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use stateright::Model;

use super::frontier::{Level, States};
use super::graph::{state_fingerprint, FpTable, UNFAIR};
use super::properties::Checks;
use super::table::Probe;
use super::Checkable;

/// Frontier states per thread in a batch: big enough to amortise spawning
/// threads, small enough that a batch's successors stay in the cache and
/// that the merge of a level's last batch, which nothing overlaps, is short.
const BATCH_PER_THREAD: usize = 1024;
/// Frontier states per thread in the last batch of a level, at least.
const LAST_BATCH_PER_THREAD: usize = 64;
/// Chunks (units of work claimed by threads) per thread in a batch.
const CHUNKS_PER_THREAD: usize = 64;
/// Smallest chunk: smaller batches are expanded on the calling thread alone.
const MIN_CHUNK: usize = 8;

/// A successor found by a worker.
#[derive(Clone, Copy)]
pub(crate) enum Target {
    /// Already in the map when the batch started.
    Known(u32),
    /// Not in the map when the batch started (may still be a duplicate
    /// within the batch): carries everything the merge needs. The state
    /// itself is in the chunk's `new_states`, at the successor's position:
    /// successors stay a few words each, however large a state is.
    New {
        /// Its fingerprint.
        fp: u64,
        /// Whether it is within the boundary.
        inside: bool,
        /// Which Eventually-conditions hold in it.
        holds: u32,
        /// Which pending Always/Sometimes properties it is a discovery for.
        found: u64,
    },
}

/// An enabled action of an expanded state.
#[derive(Clone, Copy)]
pub(crate) struct Successor {
    pub action: u32,
    pub class: u8,
    pub target: Target,
    /// Which pending step properties this step satisfies.
    pub steps_found: u64,
}

/// One chunk of a batch: the frontier states to expand and what expanding
/// them produced. Kept across batches so that its buffers are reused.
pub(crate) struct Expansion<S> {
    /// The states to expand: a range of the BFS level.
    pub input: Range<usize>,
    /// Per expanded state: (index, enabled classes, number of successors).
    pub expanded: Vec<(u32, u32, u32)>,
    /// Successors of all expanded states, in order.
    pub successors: Vec<Successor>,
    /// The states of the successors not known, in order (encoded, if the
    /// model has a codec): the others are dropped right away, by the thread
    /// that made them, while they are in its cache (the merge never touches
    /// them).
    pub new_states: States<S>,
}

impl<S> Default for Expansion<S> {
    fn default() -> Self {
        Expansion {
            input: 0..0,
            expanded: Vec::new(),
            successors: Vec::new(),
            new_states: States::default(),
        }
    }
}

/// One thread's reusable buffers.
pub(crate) struct Scratch<M: Model> {
    /// The enabled actions of the state being expanded.
    actions: Vec<M::Action>,
    /// Its successor states, until their lookups tell which are new: kept
    /// from one state to the next and overwritten in place, so that a
    /// successor is neither moved nor dropped, and only the new ones are
    /// copied on (most successors are known already).
    states: Vec<M::State>,
    /// Their lookups' first steps.
    probes: Vec<Probe>,
}

impl<M: Model> Default for Scratch<M> {
    fn default() -> Self {
        Scratch {
            actions: Vec::new(),
            states: Vec::new(),
            probes: Vec::new(),
        }
    }
}

/// Read-only context shared by the threads expanding a batch.
pub(crate) struct Shared<'a, M: Model> {
    pub model: &'a M,
    /// The BFS level being expanded: states are read in place (or decoded).
    pub level: &'a Level<M::State>,
    pub checks: &'a Checks<M>,
    /// Read while the merge of the previous batch may be writing it.
    pub map: &'a FpTable,
    /// Safety properties without a discovery yet.
    pub pending: u64,
    /// Step properties without a discovery yet.
    pub pending_steps: u64,
}

impl<M: Checkable> Shared<'_, M>
where
    M::State: Hash + Clone,
    M::Action: Clone,
{
    /// Expands the input of `out`.
    fn expand(&self, out: &mut Expansion<M::State>, scratch: &mut Scratch<M>) {
        let Expansion {
            input,
            expanded,
            successors,
            new_states,
        } = out;
        new_states.set_codec(self.level.codec());
        for i in input.clone() {
            let state = self.level.get(i);
            let v = self.level.id(i);
            self.expand_one(v, &state, scratch, expanded, successors, new_states);
        }
    }

    /// Expands state `v`, appending to `expanded` and `successors`.
    fn expand_one(
        &self,
        v: u32,
        state: &M::State,
        scratch: &mut Scratch<M>,
        expanded: &mut Vec<(u32, u32, u32)>,
        successors: &mut Vec<Successor>,
        new_states: &mut States<M::State>,
    ) {
        let model = self.model;
        let Scratch {
            actions,
            states,
            probes,
        } = scratch;
        model.actions(state, actions);
        let first = successors.len();
        let mut enabled = 0u32;
        // First every successor, with its fingerprint's table slot on its way
        // into the cache...
        let mut made = 0;
        for (i, action) in actions.drain(..).enumerate() {
            let class = model.fairness_class(&action);
            let taken = (self.pending_steps != 0).then(|| action.clone());
            if made == states.len() {
                states.push(state.clone());
            }
            if !model.next_state_into(state, action, &mut states[made]) {
                continue;
            }
            let next = &states[made];
            made += 1;
            let steps_found = taken.map_or(0, |a| {
                self.checks
                    .evaluate_step(model, state, &a, next, self.pending_steps)
            });
            let class = match class {
                Some(c) => {
                    assert!(c < 32, "fairness class {c} out of range 0..32");
                    enabled |= 1 << c;
                    c
                }
                None => UNFAIR,
            };
            let fp = state_fingerprint(model, next);
            self.map.prefetch(fp);
            let action = u32::try_from(i).expect("more than 2^32 actions");
            successors.push(Successor {
                action,
                class,
                target: Target::New {
                    fp,
                    inside: false,
                    holds: 0,
                    found: 0,
                },
                steps_found,
            });
        }
        // ...then the lookups, in two steps each (see `FpTable::probe`),
        // and the evaluation of those not known.
        probes.clear();
        probes.extend(successors[first..].iter().map(|s| match s.target {
            Target::New { fp, .. } => self.map.probe(fp),
            Target::Known(_) => unreachable!("all successors start as new"),
        }));
        for ((s, next), &probe) in successors[first..]
            .iter_mut()
            .zip(&states[..made])
            .zip(probes.iter())
        {
            let Target::New { fp, .. } = s.target else {
                unreachable!("all successors start as new");
            };
            s.target = match self.map.get_from(fp, probe) {
                Some(index) => Target::Known(index),
                None => {
                    let (inside, holds, found) = self.checks.evaluate(model, next, self.pending);
                    new_states.push(next.clone());
                    Target::New {
                        fp,
                        inside,
                        holds,
                        found,
                    }
                }
            };
        }
        expanded.push((v, enabled, (successors.len() - first) as u32));
    }

    /// One thread's share of a batch: claims chunks until none is left, so a
    /// slow or descheduled thread does not hold the others up.
    fn work(
        &self,
        claims: &Claims,
        chunks: &[Mutex<Expansion<M::State>>],
        scratch: &mut Scratch<M>,
    ) {
        // Buffers are moved to this thread's stack while in use: their
        // headers sit next to other threads' in memory, and writing them in
        // place would make cache lines bounce between cores (false sharing).
        let mut local = std::mem::take(scratch);
        while let Some(chunk) = chunks.get(claims.next.fetch_add(1, Ordering::Relaxed)) {
            // Each chunk is claimed once: the lock is never contended.
            let mut slot = chunk.lock().expect("a worker panicked");
            let mut out = std::mem::take(&mut *slot);
            self.expand(&mut out, &mut local);
            *slot = out;
            drop(slot);
            claims.done.fetch_add(1, Ordering::Release);
        }
        *scratch = local;
    }
}

/// How far the threads are with the chunks of a batch.
#[derive(Default)]
struct Claims {
    /// The next chunk to claim.
    next: AtomicUsize,
    /// Chunks expanded.
    done: AtomicUsize,
}

/// Expands `chunks` on the pool's threads while the calling thread runs
/// `first` (the merge of the previous batch), then helps with what is left.
/// Returns what `first` returned.
pub(crate) fn expand_while<M, R>(
    pool: &rayon::ThreadPool,
    shared: &Shared<'_, M>,
    chunks: &mut [Mutex<Expansion<M::State>>],
    scratch: &mut [Scratch<M>],
    first: impl FnOnce() -> R,
) -> R
where
    M: Checkable + Sync,
    M::State: Hash + Clone + Send + Sync,
    M::Action: Clone + Send,
{
    let claims = Claims::default();
    let (main_scratch, helper_scratch) = scratch.split_first_mut().expect("threads >= 1");
    let (claims, chunks) = (&claims, &*chunks);
    pool.in_place_scope(|scope| {
        for buffer in helper_scratch {
            scope.spawn(move |_| shared.work(claims, chunks, buffer));
        }
        let result = first();
        shared.work(claims, chunks, main_scratch);
        // The last chunks take microseconds: waiting for them by spinning
        // is quicker than being put to sleep and woken by the pool, which
        // costs 2% of a run over thousands of batches.
        let mut spins = 0u32;
        while claims.done.load(Ordering::Acquire) < chunks.len() {
            if spins < 1 << 14 {
                spins += 1;
                std::hint::spin_loop();
            } else {
                std::thread::yield_now();
            }
        }
        result
    })
}

/// Cuts the next batch of a level of `level_len` states, from `*next`
/// on, into `slots`, one chunk per slot; returns how many slots it filled.
pub(crate) fn fill_batch<S>(
    next: &mut usize,
    level_len: usize,
    slots: &mut Vec<Mutex<Expansion<S>>>,
    threads: usize,
) -> usize {
    let left = level_len - *next;
    // The merge of a level's last batch overlaps nothing (the next level
    // is not known before it ends): on several threads, batches shrink
    // towards the end of a level, so that this merge is short.
    let len = if threads == 1 {
        left.min(BATCH_PER_THREAD)
    } else {
        let tail = threads * LAST_BATCH_PER_THREAD;
        left.min(threads * BATCH_PER_THREAD)
            .min((left / 2).max(tail))
    };
    // Several chunks per thread balance the load; the split does not affect
    // results, since the merge follows frontier order anyway.
    let chunk_len = if threads == 1 {
        len
    } else {
        len.div_ceil(threads * CHUNKS_PER_THREAD).max(MIN_CHUNK)
    };
    let chunks = len.div_ceil(chunk_len);
    if slots.len() < chunks {
        slots.resize_with(chunks, Mutex::default);
    }
    for slot in &mut slots[..chunks] {
        let end = (*next + chunk_len).min(level_len);
        slot.get_mut().expect("no worker panicked").input = *next..end;
        *next = end;
    }
    chunks
}

/// Expands `chunks`, on the pool's threads and the calling one.
pub(crate) fn expand_batch<M>(
    pool: Option<&rayon::ThreadPool>,
    shared: &Shared<'_, M>,
    chunks: &mut [Mutex<Expansion<M::State>>],
    scratch: &mut [Scratch<M>],
) where
    M: Checkable + Sync,
    M::State: Hash + Clone + Send + Sync,
    M::Action: Clone + Send,
{
    match pool {
        Some(pool) if chunks.len() > 1 => expand_while(pool, shared, chunks, scratch, || ()),
        _ => {
            for chunk in chunks {
                let out = chunk.get_mut().expect("no worker panicked");
                shared.expand(out, &mut scratch[0]);
            }
        }
    }
}
