use crate::codes::{LintCode, lints};
use crate::diagnostic::Diagnostic;
use crate::lint::{LintContext, dnf, rule_doc};
use crate::model::{Model, NodeId, RouteId, RouteTree};

rule_doc! {
    /// ## What it does
    /// Finds a literal route beside a parameter route at the same position (`/orders/export`
    /// beside `/orders/{id}`, or deeper: `/orders/export/csv` beside `/orders/{id}/csv`) where
    /// the literal route, for the same method, requires strictly less.
    ///
    /// ## Why is this bad?
    /// The literal route wins for its path, so a weaker requirement there is easy to miss in
    /// review: `GET /orders/export` public beside `GET /orders/{id}` needing `order:read`
    /// exports every order to anyone.
    ///
    /// ## Example
    /// ```policy
    /// scope order:read read "Orders"
    /// api x { auth bearer GET /orders/{id} requires order:read "Get" GET /orders/export requires authenticated "Export" }
    /// ```
    ///
    /// Use instead:
    /// ```policy
    /// scope order:read read "Orders"
    /// api x { auth bearer GET /orders/{id} requires order:read "Get" GET /orders/export requires order:read "Export" }
    /// ```
}

pub(crate) const RULE: LintCode = lints::LITERAL_WEAKER_THAN_PARAM;

/// Compares the routes of two subtrees that match the same paths but for one position
/// (literal in `lit`, parameter in `par`), walking only what both have.
fn compare(m: &Model, tree: &RouteTree, lit: NodeId, par: NodeId, out: &mut Vec<Diagnostic>) {
    let mut stack = vec![(lit, par)];
    while let Some((a, b)) = stack.pop() {
        let (na, nb) = (&tree.nodes[a], &tree.nodes[b]);
        for (ra, rb) in [(na.end, nb.end), (na.end_slash, nb.end_slash), (na.catch_all, nb.catch_all)] {
            if let (Some(ra), Some(rb)) = (ra, rb) {
                routes(m, tree, ra, rb, out);
            }
        }
        for (seg, ca) in &na.literals {
            if let Some(cb) = nb.literals.get(seg) {
                stack.push((*ca, *cb));
            }
        }
        if let (Some(pa), Some(pb)) = (na.param, nb.param) {
            stack.push((pa, pb));
        }
    }
}

fn routes(m: &Model, tree: &RouteTree, lit: RouteId, par: RouteId, out: &mut Vec<Diagnostic>) {
    for el in &tree.routes[lit].endpoints {
        let l = &m.endpoints[*el];
        let Some(p) = tree.routes[par].endpoints.iter().map(|e| &m.endpoints[*e]).find(|p| p.method == l.method) else {
            continue;
        };
        if dnf::weaker(m, &l.requirement, &p.requirement) {
            out.push(
                RULE.warning(
                    l.requirement_span,
                    format!(
                        "`{}` requires less than `{}` beside it (`{}` instead of `{}`)",
                        l.label(),
                        p.label(),
                        m.requirement_text(&l.requirement),
                        m.requirement_text(&p.requirement)
                    ),
                )
                .with_label("weaker than the parameter route")
                .with_secondary(p.requirement_span, "the parameter route requires this")
                .with_help("require at least as much, or suppress this with the reason the path is safe to open"),
            );
        }
    }
}

pub(crate) fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let tree = &ctx.model.routes;
    for node in &tree.nodes {
        let Some(par) = node.param else { continue };
        let mut lits: Vec<&NodeId> = node.literals.values().collect();
        lits.sort();
        for lit in lits {
            compare(ctx.model, tree, *lit, par, out);
        }
    }
}
