//! Eventually-properties under weak fairness: SCCs of the violating subgraph.
//!
//! `AF goal` fails iff some path from an initial state stays in states
//! violating `goal` and either ends in a terminal state or ends in a weakly
//! fair infinite suffix. An infinite suffix eventually stays in one strongly
//! connected component C of the violating subgraph; C can host a weakly fair
//! suffix iff it has an edge (≥ 2 states or a self-loop) and every fairness
//! class enabled in *every* state of C labels some edge inside C.
//!
//! Why no SCC refinement (unlike strong fairness): if C passes the test, a
//! walk that keeps traversing all of C's states and edges is weakly fair,
//! because a class continuously enabled along it is enabled in every state of
//! C and so is taken inside C infinitely often. Conversely a fair suffix
//! visits infinitely often a set S ⊆ C; a class enabled in all of C is
//! enabled all along that suffix, hence taken infinitely often, on an edge
//! inside S ⊆ C. So the test on maximal SCCs is exact.
//!
//! States that were not expanded (boundary, or cut by `max_states`) are
//! unknown: they are neither terminal nor part of any cycle.

use std::collections::{HashMap, VecDeque};

use super::graph::{Edges, Graph, NONE, UNFAIR};

/// A step of a path in the graph: the state it leads to and the fairness
/// class of its edge (the first edge there of that class is meant).
pub(crate) type Step = (u32, u8);

/// A liveness counterexample as steps of the graph.
pub(crate) struct Lasso {
    /// The initial state the path starts from.
    pub root: u32,
    /// Steps from `root` to the entry state (terminal or in a fair SCC).
    pub prefix: Vec<Step>,
    /// Closed walk from the entry state back to it; empty for a terminal entry.
    pub cycle: Vec<Step>,
}

/// Per-state search data, kept together so that following an edge costs a
/// single cache miss (graphs have millions of states).
#[derive(Clone, Copy)]
struct Node {
    /// Discovery number, `UNSEEN`, or `OUT` (not in the violating subgraph).
    order: u32,
    /// Tarjan's low-link, then `DONE` once its SCC is complete.
    low: u32,
    /// Classes of the edges from this state found to stay inside its SCC.
    taken: u32,
    /// Classes enabled in this state (copied here for locality).
    enabled: u32,
}

/// `order` of a violating state not visited yet.
const UNSEEN: u32 = u32::MAX;
/// `order` of a state outside the violating subgraph.
const OUT: u32 = u32::MAX - 1;
/// `low` of a state whose SCC is complete (it is no longer on the stack).
const DONE: u32 = u32::MAX;

/// Fair SCCs reachable from the roots through violating states.
struct FairSccs {
    /// Per state: id of its fair SCC, or `NONE`.
    component: Vec<u32>,
    /// Whether a terminal state or a fair SCC is reachable.
    found: bool,
}

/// Finds a counterexample to the Eventually-condition with holds-bit `bit`.
/// `None` means the property holds (as far as the explored graph tells).
pub(crate) fn counterexample(graph: &Graph, bit: u32) -> Option<Lasso> {
    // The subgraph: expanded states violating the condition.
    let mut nodes: Vec<Node> = (0..graph.len())
        .map(|v| {
            let inside = graph.expanded(v as u32) && graph.holds[v] & bit == 0;
            Node {
                order: if inside { UNSEEN } else { OUT },
                low: 0,
                taken: 0,
                enabled: graph.enabled[v],
            }
        })
        .collect();
    let roots: Vec<u32> = (0..graph.num_init)
        .filter(|&v| nodes[v as usize].order != OUT)
        .collect();
    let sccs = fair_sccs(graph, &mut nodes, &roots);
    if !sccs.found {
        return None;
    }
    let inside = |v: u32| nodes[v as usize].order != OUT;
    let (root, entry, prefix) = shortest_prefix(graph, &inside, &roots, &sccs.component)?;
    let c = sccs.component[entry as usize];
    let cycle = if c == NONE {
        Vec::new()
    } else {
        fair_cycle(graph, &sccs.component, c, entry)
    };
    Some(Lasso {
        root,
        prefix,
        cycle,
    })
}

/// A state being visited: its edges not looked at yet, and the class of
/// the edge to the child visited last.
struct Frame<'a> {
    v: u32,
    edges: Edges<'a>,
    tree_class: u8,
}

/// Depth-first bookkeeping of Tarjan's algorithm.
struct Tarjan<'a> {
    graph: &'a Graph,
    nodes: &'a mut [Node],
    counter: u32,
    /// Tarjan's stack of states whose SCC is not complete.
    stack: Vec<u32>,
    /// Simulated recursion.
    calls: Vec<Frame<'a>>,
    /// A terminal state was reached.
    found_terminal: bool,
}

impl Tarjan<'_> {
    /// Starts visiting `v`.
    fn enter(&mut self, v: u32) {
        let node = &mut self.nodes[v as usize];
        node.order = self.counter;
        node.low = self.counter;
        self.counter += 1;
        self.stack.push(v);
        self.calls.push(Frame {
            v,
            edges: self.graph.edges(v),
            tree_class: UNFAIR,
        });
        self.found_terminal |= self.graph.terminal(v);
    }
}

/// Class bit of an edge of class `class` (0 for unfair edges).
fn class_bit(class: u8) -> u32 {
    match class {
        UNFAIR => 0,
        c => 1 << c,
    }
}

/// Iterative Tarjan over the violating subgraph reachable from `roots`,
/// classifying each SCC as it completes.
///
/// The classes taken inside an SCC are collected during the search, with no
/// second pass over its edges: an edge to a state still on Tarjan's stack
/// stays in the SCC, and so does a tree edge to a child that is not the root
/// of its own SCC; every other edge leaves the SCC.
fn fair_sccs(graph: &Graph, nodes: &mut [Node], roots: &[u32]) -> FairSccs {
    let mut component = vec![NONE; graph.len()];
    let mut fair = 0;
    let mut t = Tarjan {
        graph,
        nodes,
        counter: 0,
        stack: Vec::new(),
        calls: Vec::new(),
        found_terminal: false,
    };

    for &root in roots {
        if t.nodes[root as usize].order != UNSEEN {
            continue;
        }
        t.enter(root);
        while let Some(frame) = t.calls.last_mut() {
            let v = frame.v;
            let mut child = None;
            for (w, class) in frame.edges.by_ref() {
                let Node { order, low, .. } = t.nodes[w as usize];
                if order == UNSEEN {
                    child = Some(w);
                    frame.tree_class = class;
                    break;
                }
                if order != OUT && low != DONE {
                    // On the stack: in v's SCC.
                    let node = &mut t.nodes[v as usize];
                    node.low = node.low.min(order);
                    node.taken |= class_bit(class);
                }
            }
            if let Some(w) = child {
                t.enter(w);
                continue;
            }
            t.calls.pop();
            let Node { order, low, .. } = t.nodes[v as usize];
            if let Some(frame) = t.calls.last() {
                let parent = &mut t.nodes[frame.v as usize];
                parent.low = parent.low.min(low);
                if low != order {
                    // v's SCC is u's: the tree edge u -> v stays inside.
                    parent.taken |= class_bit(frame.tree_class);
                }
            }
            if low != order {
                continue;
            }
            // v is the root of an SCC: the top of the stack down to v.
            let start = t
                .stack
                .iter()
                .rposition(|&x| x == v)
                .expect("v is on the stack");
            let members = &t.stack[start..];
            let mut always_enabled = u32::MAX;
            let mut taken = 0u32;
            for &m in members {
                let node = &mut t.nodes[m as usize];
                always_enabled &= node.enabled;
                taken |= node.taken;
                node.low = DONE;
            }
            let cyclic = members.len() > 1 || graph.edges(v).any(|(w, _)| w == v);
            if cyclic && always_enabled & !taken == 0 {
                for &m in members {
                    component[m as usize] = fair;
                }
                fair += 1;
            }
            t.stack.truncate(start);
        }
    }
    FairSccs {
        found: t.found_terminal || fair > 0,
        component,
    }
}

/// Multi-source BFS from the violating initial states, through violating
/// states, to the nearest terminal state or fair-SCC state.
/// Returns (root, entry state, prefix steps).
fn shortest_prefix(
    graph: &Graph,
    inside: &dyn Fn(u32) -> bool,
    roots: &[u32],
    component: &[u32],
) -> Option<(u32, u32, Vec<Step>)> {
    let is_target = |v: u32| graph.terminal(v) || component[v as usize] != NONE;
    let mut parent = vec![UNSEEN; graph.len()];
    let mut queue = VecDeque::new();
    let mut hit = None;
    for &r in roots {
        if parent[r as usize] == UNSEEN {
            parent[r as usize] = r;
            if is_target(r) {
                hit = Some(r);
                break;
            }
            queue.push_back(r);
        }
    }
    'bfs: while hit.is_none() {
        let v = queue.pop_front()?;
        for (w, _) in graph.edges(v) {
            if parent[w as usize] != UNSEEN || !inside(w) {
                continue;
            }
            parent[w as usize] = v;
            if is_target(w) {
                hit = Some(w);
                break 'bfs;
            }
            queue.push_back(w);
        }
    }
    let entry = hit?;
    let mut prefix = Vec::new();
    let mut x = entry;
    while parent[x as usize] != x {
        let u = parent[x as usize];
        let e = graph
            .edges(u)
            .find(|&(w, _)| w == x)
            .expect("BFS edge exists");
        prefix.push(e);
        x = u;
    }
    prefix.reverse();
    Some((x, entry, prefix))
}

/// A weakly fair closed walk inside fair SCC `c` from `entry` back to it,
/// built from shortest BFS pieces.
///
/// The walk itself must be fair, not just the SCC: every class enabled in all
/// states *of the walk* must be taken on it. While some class is enabled all
/// along but not taken, the walk is extended to the nearest edge of that
/// class or the nearest state where it is disabled; one exists since the SCC
/// is fair. Extending only shrinks "enabled all along" and grows "taken", so
/// this ends after at most 32 pieces plus one to close the walk.
fn fair_cycle(graph: &Graph, component: &[u32], c: u32, entry: u32) -> Vec<Step> {
    let inside = |w: u32| component[w as usize] == c;
    let enabled = |w: u32| graph.enabled[w as usize];
    let mut walk: Vec<Step> = Vec::new();
    let mut enabled_all = graph.enabled[entry as usize];
    let mut taken = 0u32;
    let mut at = entry;
    loop {
        let missing = enabled_all & !taken;
        let piece = if missing != 0 {
            let bit = 1 << missing.trailing_zeros();
            shortest_walk(graph, &inside, at, |(w, class)| {
                class_bit(class) == bit || enabled(w) & bit == 0
            })
        } else if at != entry || walk.is_empty() {
            shortest_walk(graph, &inside, at, |(w, _)| w == entry)
        } else {
            return walk;
        };
        for &(w, class) in &piece {
            taken |= class_bit(class);
            enabled_all &= enabled(w);
        }
        at = piece.last().expect("non-empty piece").0;
        walk.extend(piece);
    }
}

/// Shortest non-empty step sequence from `from`, through states `inside`
/// only, whose last step satisfies `goal`.
///
/// # Panics
/// If there is none: callers only ask for edges that exist in the SCC.
fn shortest_walk(
    graph: &Graph,
    inside: &dyn Fn(u32) -> bool,
    from: u32,
    goal: impl Fn(Step) -> bool,
) -> Vec<Step> {
    // Sparse: the SCC may be much smaller than the graph.
    let mut parent: HashMap<u32, (u32, Step)> = HashMap::new();
    parent.insert(from, (NONE, (NONE, UNFAIR)));
    let mut queue = VecDeque::from([from]);
    while let Some(u) = queue.pop_front() {
        for step in graph.edges(u).filter(|&(w, _)| inside(w)) {
            if goal(step) {
                let mut path = vec![step];
                let mut x = u;
                while x != from {
                    let (p, pe) = parent[&x];
                    path.push(pe);
                    x = p;
                }
                path.reverse();
                return path;
            }
            let w = step.0;
            parent.entry(w).or_insert_with(|| {
                queue.push_back(w);
                (u, step)
            });
        }
    }
    unreachable!("a fair SCC contains the edges its cycle needs")
}
