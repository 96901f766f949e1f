use crate::codes::{LintCode, lints};
use crate::diagnostic::Diagnostic;
use crate::lint::{LintContext, rule_doc};
use crate::model::Id;
use crate::syntax::ast::Item;

rule_doc! {
    /// ## What it does
    /// Finds apis whose endpoints require scopes named in more than one convention:
    /// `resource:action` (`order:read`), `snake_case` (`orders_read`) or dotted
    /// (`orders.read`). Single words count as none.
    ///
    /// ## Why is this bad?
    /// Integrators guess scope names from the ones they know; a second convention in the same
    /// api produces requests for scopes that do not exist, and support tickets.
    ///
    /// ## Example
    /// ```policy
    /// scope order:read read "Orders"
    /// scope create_checkout write "Checkouts"
    /// api x { auth bearer GET /orders requires order:read "Orders" POST /checkouts requires create_checkout "Checkout" }
    /// ```
    ///
    /// Use instead:
    /// ```policy
    /// scope order:read read "Orders"
    /// scope checkout:create write "Checkouts"
    /// api x { auth bearer GET /orders requires order:read "Orders" POST /checkouts requires checkout:create "Checkout" }
    /// ```
}

pub(crate) const RULE: LintCode = lints::MIXED_NAMING;

fn style(name: &str) -> Option<&'static str> {
    if name.contains(':') {
        Some("resource:action")
    } else if name.contains('_') {
        Some("snake_case")
    } else if name.contains('.') {
        Some("dotted")
    } else {
        None
    }
}

pub(crate) fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let m = ctx.model;
    let spans: Vec<_> = ctx
        .file
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Api(a) => Some(a.name.span),
            _ => None,
        })
        .collect();
    let style_of = m.scopes.map(|s| style(&s.name));
    for (a, api) in m.apis.enumerate() {
        let mut styles: Vec<(&'static str, String)> = Vec::new();
        for id in &api.endpoints {
            let e = &m.endpoints[*id];
            let whens = e.whens.iter().flat_map(|w| w.requirement.scopes());
            for s in e.requirement.scopes().chain(whens) {
                if let Some(st) = style_of[s]
                    && !styles.iter().any(|(x, _)| *x == st)
                {
                    styles.push((st, m.scope_name(s).to_string()));
                }
            }
        }
        if styles.len() > 1 {
            let list: Vec<String> = styles.iter().map(|(st, ex)| format!("{st} (`{ex}`)")).collect();
            out.push(
                RULE.warning(
                    spans.get(a.index()).copied().unwrap_or(api.span),
                    format!("api `{}` mixes scope naming conventions: {}", api.name, list.join(", ")),
                )
                .with_label("more than one convention")
                .with_help("name the scopes of one api in one convention"),
            );
        }
    }
}
