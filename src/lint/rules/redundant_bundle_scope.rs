use crate::codes::{LintCode, lints};
use crate::diagnostic::Diagnostic;
use crate::lint::{LintContext, dnf, rule_doc};
use crate::model::ScopeId;
use crate::syntax::ast::Item;

rule_doc! {
    /// ## What it does
    /// Finds bundles that name a scope twice, or a scope that another scope of the bundle
    /// already implies.
    ///
    /// ## Why is this bad?
    /// A recommended set should be the least an integration needs; a redundant scope makes it
    /// look larger and hides which scope does the work.
    ///
    /// ## Example
    /// ```policy
    /// scope orders_read read "Read orders"
    /// scope orders_write write "Write orders" implies orders_read
    /// bundle "Order sync" = orders_read, orders_write
    /// ```
    ///
    /// Use instead:
    /// ```policy
    /// scope orders_read read "Read orders"
    /// scope orders_write write "Write orders" implies orders_read
    /// bundle "Order sync" = orders_write
    /// ```
}

pub(crate) const RULE: LintCode = lints::REDUNDANT_BUNDLE_SCOPE;

pub(crate) fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let m = ctx.model;
    let decls = ctx.file.items.iter().filter_map(|i| match i {
        Item::Bundle(b) => Some(b),
        _ => None,
    });
    for decl in decls {
        let ids: Vec<Option<ScopeId>> = decl.scopes.iter().map(|s| m.lookup(&s.name)).collect();
        for (i, name) in decl.scopes.iter().enumerate() {
            let Some(id) = ids[i] else { continue };
            if let Some(j) = ids[..i].iter().position(|x| *x == Some(id)) {
                out.push(
                    RULE.warning(name.span, format!("bundle `{}` names `{}` twice", decl.name.value, name.name))
                        .with_label("again")
                        .with_secondary(decl.scopes[j].span, "first here")
                        .with_help("remove the repetition"),
                );
                continue;
            }
            let implier = ids.iter().enumerate().find(|(j, other)| {
                *j != i && other.is_some_and(|o| o != id && dnf::closure(m, &[o]).binary_search(&id).is_ok())
            });
            if let Some((j, _)) = implier {
                out.push(
                    RULE.warning(
                        name.span,
                        format!(
                            "bundle `{}` names `{}`, which `{}` already implies",
                            decl.name.value, name.name, decl.scopes[j].name
                        ),
                    )
                    .with_label("implied")
                    .with_secondary(decl.scopes[j].span, "implies it")
                    .with_help("remove it from the bundle"),
                );
            }
        }
    }
}
