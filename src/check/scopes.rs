//! Scopes, groups and aliases: declaration, name resolution, `requires` and `implies`.

use rustc_hash::FxHashMap as HashMap;

use super::ctx::{Ctx, Once};
use super::duplicate::declared_twice;
use super::graph;
use crate::codes;
use crate::diagnostic::{Diagnostic, Span};
use crate::lang::MAX_GRANTS;
use crate::model::{Alias, Deprecation, Group, GroupId, Id, IdVec, Scope, ScopeId};
use crate::syntax::ast::{self, File, Item, ScopeDecl, ScopeOption};

/// A declared scope whose options are not resolved yet.
pub(crate) struct Pending<'a> {
    decl: &'a ScopeDecl,
    group: Option<GroupId>,
}

/// Gives every declared scope an id, in source order, and collects groups.
pub(crate) fn declare<'a>(ctx: &mut Ctx, file: &'a File) -> (IdVec<GroupId, Group>, IdVec<ScopeId, Pending<'a>>) {
    let mut groups: IdVec<GroupId, Group> = IdVec::new();
    let mut group_spans: HashMap<&str, Span> = HashMap::default();
    let mut pending = IdVec::new();
    for item in &file.items {
        match item {
            Item::Scope(decl) => {
                declare_one(ctx, &mut pending, decl, None);
            }
            Item::Group(g) => {
                if let Some(first) = group_spans.get(g.name.value.as_str()) {
                    ctx.report(declared_twice(
                        codes::DUPLICATE_GROUP,
                        format!("group `{}`", g.name.value),
                        g.name.span,
                        *first,
                        "move the scopes into the first group",
                    ));
                }
                group_spans.entry(g.name.value.as_str()).or_insert(g.name.span);
                let gid = groups.next_id();
                let mut scopes = Vec::new();
                for decl in &g.scopes {
                    if let Some(id) = declare_one(ctx, &mut pending, decl, Some(gid)) {
                        scopes.push(id);
                    }
                }
                groups.push(Group {
                    name: g.name.value.clone(),
                    notes: g.notes.iter().map(|n| n.value.clone()).collect(),
                    scopes,
                });
            }
            _ => {}
        }
    }
    (groups, pending)
}

fn declare_one<'a>(
    ctx: &mut Ctx,
    pending: &mut IdVec<ScopeId, Pending<'a>>,
    decl: &'a ScopeDecl,
    group: Option<GroupId>,
) -> Option<ScopeId> {
    let name = &decl.name.name;
    if let Some(&first) = ctx.names.get(name) {
        let first_span = pending.get(first).map_or(decl.name.span, |p| p.decl.name.span);
        ctx.report(declared_twice(
            codes::DUPLICATE_SCOPE,
            format!("scope `{name}`"),
            decl.name.span,
            first_span,
            "remove one declaration, or rename one of the scopes",
        ));
        return None;
    }
    let id = pending.push(Pending { decl, group });
    ctx.names.insert(name.clone(), id);
    ctx.scope_names.push(name.clone());
    Some(id)
}

/// Resolves `alias` declarations (alias chains included) into the name table.
pub(crate) fn aliases(ctx: &mut Ctx, file: &File) -> Vec<Alias> {
    let decls: Vec<&ast::AliasDecl> = file
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Alias(a) => Some(a),
            _ => None,
        })
        .collect();
    // Alias names first, so that an alias may point at another alias.
    // Sized once: growing tables of 100,000 names rehash them several times over.
    let mut by_name: HashMap<&str, usize> = HashMap::with_capacity_and_hasher(decls.len(), Default::default());
    ctx.names.reserve(decls.len());
    let mut live = vec![true; decls.len()];
    for (i, a) in decls.iter().enumerate() {
        let name = a.name.name.as_str();
        if ctx.names.contains_key(name) {
            ctx.report(
                Diagnostic::error(
                    codes::DUPLICATE_SCOPE,
                    a.name.span,
                    format!("alias `{name}` has the name of a scope"),
                )
                .with_label("an alias cannot share a scope's name")
                .with_help("rename the alias, or remove the scope if the alias replaces it"),
            );
            live[i] = false;
        } else if let Some(&first) = by_name.get(name) {
            ctx.report(declared_twice(
                codes::DUPLICATE_ALIAS,
                format!("alias `{name}`"),
                a.name.span,
                decls[first].name.span,
                "remove one of the two aliases",
            ));
            live[i] = false;
        } else {
            by_name.insert(name, i);
        }
    }
    let targets = follow_all(ctx, &decls, &by_name, &live);
    let mut out = Vec::new();
    for (i, a) in decls.iter().enumerate() {
        if !live[i] {
            continue;
        }
        if let Some(target) = targets[i] {
            ctx.names.insert(a.name.name.clone(), target);
            out.push(Alias {
                name: a.name.name.clone(),
                target,
                deprecated: a.deprecated.as_ref().map(deprecation),
                span: a.span,
            });
        }
    }
    out
}

/// Where following an alias stands.
#[derive(Clone, Copy)]
enum Follow {
    New,
    /// On the chain being followed, at this position.
    OnPath(usize),
    Done(Option<ScopeId>),
}

/// Follows every alias chain to its scope, each alias once (so chains cost their length),
/// reporting unknown targets (at the alias naming them) and cycles (each once, at its
/// first alias in source order).
fn follow_all(
    ctx: &mut Ctx,
    decls: &[&ast::AliasDecl],
    by_name: &HashMap<&str, usize>,
    live: &[bool],
) -> Vec<Option<ScopeId>> {
    let mut state = vec![Follow::New; decls.len()];
    // Aliases reported as duplicates are not followed; `by_name` holds only live ones.
    for start in (0..decls.len()).filter(|i| live[*i]) {
        let mut path: Vec<usize> = Vec::new();
        let mut at = start;
        let result = loop {
            match state[at] {
                Follow::Done(r) => break r,
                Follow::OnPath(pos) => {
                    report_cycle(ctx, decls, &path[pos..]);
                    break None;
                }
                Follow::New => {
                    state[at] = Follow::OnPath(path.len());
                    path.push(at);
                    let target = &decls[at].target;
                    if let Some(&id) = ctx.scope_names_index(&target.name) {
                        break Some(id);
                    }
                    match by_name.get(target.name.as_str()) {
                        Some(&next) => at = next,
                        None => {
                            let d = ctx.unknown_scope(codes::ALIAS_UNKNOWN, &target.name, target.span);
                            ctx.report(d.with_label("the alias points at nothing"));
                            break None;
                        }
                    }
                }
            }
        };
        for p in path {
            state[p] = Follow::Done(result);
        }
    }
    state.into_iter().map(|s| if let Follow::Done(r) = s { r } else { None }).collect()
}

/// Reports a cycle of aliases (in the order they point at each other) at its first alias
/// in source order.
fn report_cycle(ctx: &mut Ctx, decls: &[&ast::AliasDecl], cycle: &[usize]) {
    let Some(first) = cycle.iter().enumerate().min_by_key(|(_, i)| **i).map(|(pos, _)| pos) else { return };
    let mut cycle = cycle.to_vec();
    cycle.rotate_left(first);
    let start = cycle[0];
    let chain: Vec<&str> = cycle.iter().map(|i| decls[*i].name.name.as_str()).collect();
    let mut d = Diagnostic::error(
        codes::ALIAS_CYCLE,
        decls[start].span,
        format!("aliases form a cycle: `{}` → `{}`", chain.join("` → `"), decls[start].name.name),
    )
    .with_label("this alias never reaches a scope")
    .with_help("point one of the aliases at a declared scope");
    for i in &cycle[1..] {
        d = d.with_secondary(decls[*i].span, "part of the cycle");
    }
    ctx.report(d);
}

impl Ctx {
    /// The id of a declared scope (not an alias).
    fn scope_names_index(&self, name: &str) -> Option<&ScopeId> {
        self.names.get(name).filter(|id| self.scope_names.get(**id).is_some_and(|n| n == name))
    }
}

fn deprecation(d: &ast::Deprecated) -> Deprecation {
    Deprecation { reason: d.reason.as_ref().map(|r| r.value.clone()), span: d.span }
}

/// Resolves `requires`, `implies`, `since` and `deprecated`, reports cycles and computes
/// what each scope grants.
pub(crate) fn resolve_options(ctx: &mut Ctx, pending: IdVec<ScopeId, Pending<'_>>) -> IdVec<ScopeId, Scope> {
    let mut scopes = IdVec::new();
    for p in &pending {
        let d = p.decl;
        let mut scope = Scope {
            name: d.name.name.clone(),
            access: d.access,
            description: d.description.as_ref().map(|t| t.value.clone()),
            requires: Vec::new(),
            implies: Vec::new(),
            since: None,
            deprecated: None,
            group: p.group,
            grants: Vec::new(),
            span: d.span,
            name_span: d.name.span,
        };
        let mut since = Once::new("since");
        let mut deprecated = Once::new("deprecated");
        for opt in &d.options {
            match opt {
                ScopeOption::Requires(names, _) => scope.requires.extend(names.iter().filter_map(|n| ctx.scope(n))),
                ScopeOption::Implies(names, _) => scope.implies.extend(names.iter().filter_map(|n| ctx.scope(n))),
                ScopeOption::Since(t, span) => {
                    if since.first(ctx, *span) {
                        scope.since = Some(t.value.clone());
                    }
                }
                ScopeOption::Deprecated(dep) => {
                    if deprecated.first(ctx, dep.span) {
                        scope.deprecated = Some(deprecation(dep));
                    }
                }
            }
        }
        scopes.push(scope);
    }
    report_cycles(ctx, &scopes, &pending, |s| &s.requires, codes::REQUIRES_CYCLE, "require");
    report_cycles(ctx, &scopes, &pending, |s| &s.implies, codes::IMPLIES_CYCLE, "imply");
    match graph::closures(&adjacency(&scopes, |s| &s.implies), MAX_GRANTS) {
        Ok(grants) => {
            for (scope, grants) in scopes.iter_mut().zip(grants) {
                scope.grants = grants.into_iter().map(ScopeId::new).collect();
            }
        }
        Err(over) => {
            let s = &scopes[ScopeId::new(over)];
            ctx.report(
                Diagnostic::error(
                    codes::TOO_MANY_GRANTS,
                    s.name_span,
                    format!("what the scopes grant through `implies` exceeds {MAX_GRANTS} entries in all"),
                )
                .with_label("the grants add up past the limit here")
                .with_help("imply a few broad scopes instead of long chains: every scope grants all it reaches"),
            );
        }
    }
    scopes
}

fn report_cycles(
    ctx: &mut Ctx,
    scopes: &IdVec<ScopeId, Scope>,
    pending: &IdVec<ScopeId, Pending<'_>>,
    edges_of: impl Fn(&Scope) -> &Vec<ScopeId>,
    code: &'static str,
    verb: &str,
) {
    for cycle in graph::cycles(&adjacency(scopes, edges_of)) {
        let cycle: Vec<ScopeId> = cycle.into_iter().map(ScopeId::new).collect();
        let names: Vec<&str> = cycle.iter().map(|i| scopes[*i].name.as_str()).collect();
        let first = cycle[0];
        let option_span = option_span(pending[first].decl, verb).unwrap_or(scopes[first].span);
        let message = if cycle.len() == 1 {
            format!("scope `{}` would {verb} itself", names[0])
        } else {
            format!("scopes {verb} each other in a cycle: `{}` → `{}`", names.join("` → `"), names[0])
        };
        let mut d =
            Diagnostic::error(code, option_span, message).with_label("the cycle starts here").with_help(format!(
                "remove one `{}` so the scopes form a hierarchy",
                if verb == "require" { "requires" } else { "implies" }
            ));
        for i in &cycle[1..] {
            d = d.with_secondary(scopes[*i].name_span, "part of the cycle");
        }
        ctx.report(d);
    }
}

/// The scope graph as the adjacency lists [`graph`] works on.
fn adjacency(scopes: &IdVec<ScopeId, Scope>, edges_of: impl Fn(&Scope) -> &Vec<ScopeId>) -> Vec<Vec<usize>> {
    scopes.iter().map(|s| edges_of(s).iter().map(|id| id.index()).collect()).collect()
}

/// The span of a scope's `requires` or `implies` option.
fn option_span(decl: &ScopeDecl, verb: &str) -> Option<Span> {
    decl.options.iter().find_map(|o| match (o, verb) {
        (ScopeOption::Requires(_, s), "require") | (ScopeOption::Implies(_, s), "imply") => Some(*s),
        _ => None,
    })
}
