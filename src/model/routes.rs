//! The route tree: one node per path prefix, so lookup and conflict detection cost the
//! length of the path, not the number of routes.
//!
//! Precedence at each position: a literal segment, then a `{param}`, then a `{rest*}`.
//! Lookup backtracks, so the match found is the best by that order compared left to right.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::{EndpointId, IdVec, NodeId, Pattern, RouteId, Segment};

/// All endpoints sharing one path pattern.
#[derive(Debug, Clone)]
pub struct Route {
    pub pattern: Pattern,
    pub endpoints: Vec<EndpointId>,
}

/// The result of a lookup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RouteMatch {
    pub route: RouteId,
}

/// A path segment that equals a literal of the node it was tried at only when ASCII case
/// is ignored: a server that routes ignoring case would take that literal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseVariant;

#[derive(Debug, Clone, Default)]
pub(crate) struct Node {
    pub(crate) literals: HashMap<String, NodeId>,
    /// The literals, in ASCII lower case.
    pub(crate) folded: HashSet<String>,
    pub(crate) param: Option<NodeId>,
    pub(crate) catch_all: Option<RouteId>,
    pub(crate) end: Option<RouteId>,
    pub(crate) end_slash: Option<RouteId>,
}

/// Every route of a policy.
#[derive(Debug, Clone)]
pub struct RouteTree {
    pub(crate) nodes: IdVec<NodeId, Node>,
    pub routes: IdVec<RouteId, Route>,
}

impl Default for RouteTree {
    fn default() -> Self {
        RouteTree { nodes: IdVec::from(vec![Node::default()]), routes: IdVec::new() }
    }
}

impl RouteTree {
    /// Adds `pattern`, returning its route. `Err(existing)` when another pattern of the same
    /// shape (same paths, same precedence, other parameter names) is already there.
    pub fn insert(&mut self, pattern: &Pattern) -> Result<RouteId, RouteId> {
        let mut node = NodeId::ROOT;
        let mut slot_kind = Slot::End;
        for (i, seg) in pattern.segments.iter().enumerate() {
            match seg {
                Segment::Literal(l) => {
                    node = match self.nodes[node].literals.get(l) {
                        Some(n) => *n,
                        None => {
                            let n = self.new_node();
                            self.nodes[node].literals.insert(l.clone(), n);
                            self.nodes[node].folded.insert(l.to_ascii_lowercase());
                            n
                        }
                    };
                }
                Segment::Param(_) => {
                    node = match self.nodes[node].param {
                        Some(n) => n,
                        None => {
                            let n = self.new_node();
                            self.nodes[node].param = Some(n);
                            n
                        }
                    };
                }
                Segment::CatchAll(_) if i + 1 == pattern.segments.len() => slot_kind = Slot::CatchAll,
                Segment::CatchAll(_) => {}
            }
        }
        if slot_kind == Slot::End && pattern.trailing_slash {
            slot_kind = Slot::EndSlash;
        }
        let existing = match slot_kind {
            Slot::End => self.nodes[node].end,
            Slot::EndSlash => self.nodes[node].end_slash,
            Slot::CatchAll => self.nodes[node].catch_all,
        };
        if let Some(r) = existing {
            return if self.routes[r].pattern == *pattern { Ok(r) } else { Err(r) };
        }
        let id = self.routes.push(Route { pattern: pattern.clone(), endpoints: Vec::new() });
        let n = &mut self.nodes[node];
        match slot_kind {
            Slot::End => n.end = Some(id),
            Slot::EndSlash => n.end_slash = Some(id),
            Slot::CatchAll => n.catch_all = Some(id),
        }
        Ok(id)
    }

    fn new_node(&mut self) -> NodeId {
        self.nodes.push(Node::default())
    }

    /// The best route for a path split into non-empty segments, among routes `accept` keeps;
    /// [`CaseVariant`] when a segment tried at a node equals one of its literals only
    /// ignoring case.
    pub fn lookup(
        &self,
        segments: &[&str],
        trailing_slash: bool,
        accept: impl Fn(RouteId) -> bool,
    ) -> Result<Option<RouteMatch>, CaseVariant> {
        // Explicit stack of (node, depth, next alternative): 0 literal, 1 param, 2 catch-all.
        let mut stack: Vec<(NodeId, usize, u8)> = vec![(NodeId::ROOT, 0, 0)];
        while let Some(top) = stack.last_mut() {
            let (node_id, depth, alt) = *top;
            let node = &self.nodes[node_id];
            if depth == segments.len() {
                stack.pop();
                let end = if trailing_slash { node.end_slash } else { node.end };
                if let Some(r) = end.filter(|r| accept(*r)) {
                    return Ok(Some(RouteMatch { route: r }));
                }
                continue;
            }
            top.2 += 1;
            match alt {
                0 => {
                    let seg = segments[depth];
                    if let Some(child) = node.literals.get(seg) {
                        stack.push((*child, depth + 1, 0));
                    } else if !node.folded.is_empty() && node.folded.contains(&seg.to_ascii_lowercase()) {
                        return Err(CaseVariant);
                    }
                }
                1 => {
                    if let Some(child) = node.param {
                        stack.push((child, depth + 1, 0));
                    }
                }
                2 => {
                    if let Some(r) = node.catch_all.filter(|r| accept(*r)) {
                        return Ok(Some(RouteMatch { route: r }));
                    }
                }
                _ => {
                    stack.pop();
                }
            }
        }
        Ok(None)
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Slot {
    End,
    EndSlash,
    CatchAll,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pat(s: &str) -> Pattern {
        let trailing_slash = s.len() > 1 && s.ends_with('/');
        let segments = s
            .trim_matches('/')
            .split('/')
            .filter(|x| !x.is_empty())
            .map(|x| {
                if let Some(n) = x.strip_prefix('{').and_then(|x| x.strip_suffix("*}")) {
                    Segment::CatchAll(n.into())
                } else if let Some(n) = x.strip_prefix('{').and_then(|x| x.strip_suffix('}')) {
                    Segment::Param(n.into())
                } else {
                    Segment::Literal(x.into())
                }
            })
            .collect();
        Pattern { segments, trailing_slash }
    }

    fn find(t: &RouteTree, path: &str) -> Option<String> {
        let slash = path.len() > 1 && path.ends_with('/');
        let segs: Vec<&str> = path.trim_matches('/').split('/').filter(|s| !s.is_empty()).collect();
        t.lookup(&segs, slash, |_| true).ok().flatten().map(|m| t.routes[m.route].pattern.to_string())
    }

    #[test]
    fn precedence_and_backtracking() {
        let mut t = RouteTree::default();
        for p in ["/a/{x}/c", "/a/b", "/{y}/b/d", "/a/{rest*}", "/orders/", "/orders/{id}"] {
            assert!(t.insert(&pat(p)).is_ok());
        }
        assert_eq!(find(&t, "/a/b").as_deref(), Some("/a/b"));
        assert_eq!(find(&t, "/a/b/c").as_deref(), Some("/a/{x}/c"));
        // literal `a` then `b` fails at `d`; param `{x}` fails; catch-all takes it.
        assert_eq!(find(&t, "/a/b/d").as_deref(), Some("/a/{rest*}"));
        assert_eq!(find(&t, "/z/b/d").as_deref(), Some("/{y}/b/d"));
        assert_eq!(find(&t, "/orders/").as_deref(), Some("/orders/"));
        assert_eq!(find(&t, "/orders"), None);
        assert_eq!(find(&t, "/a"), None);
    }

    #[test]
    fn same_shape_other_names_conflict() {
        let mut t = RouteTree::default();
        let first = t.insert(&pat("/a/{x}"));
        assert_eq!(t.insert(&pat("/a/{x}")), first);
        assert_eq!(t.insert(&pat("/a/{y}")), Err(crate::model::Id::new(0)));
    }
}
