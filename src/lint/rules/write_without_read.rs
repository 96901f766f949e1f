use crate::codes::{LintCode, lints};
use crate::diagnostic::Diagnostic;
use crate::lint::{LintContext, rule_doc};
use crate::model::Access;

rule_doc! {
    /// ## What it does
    /// Finds write scopes whose name has a `write` word (`write:patients`, `orders_write`,
    /// `order:write`) but whose read counterpart (the same name with `read`) does not exist.
    ///
    /// ## Why is this bad?
    /// An integration that only needs to look at the resource must then hold the write scope,
    /// the opposite of least privilege. Often the read scope was forgotten.
    ///
    /// ## Example
    /// ```policy
    /// scope write:invoices write "Issue invoices"
    /// ```
    ///
    /// Use instead:
    /// ```policy
    /// scope read:invoices read "List invoices"
    /// scope write:invoices write "Issue invoices"
    /// ```
}

pub(crate) const RULE: LintCode = lints::WRITE_WITHOUT_READ;

/// The name with its `write` word replaced by `read`, if it has one.
fn counterpart(name: &str) -> Option<String> {
    let mut out = String::with_capacity(name.len());
    let mut found = false;
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String, found: &mut bool| {
        if word == "write" && !*found {
            out.push_str("read");
            *found = true;
        } else {
            out.push_str(word);
        }
        word.clear();
    };
    for c in name.chars() {
        if matches!(c, ':' | '_' | '.' | '-') {
            flush(&mut word, &mut out, &mut found);
            out.push(c);
        } else {
            word.push(c);
        }
    }
    flush(&mut word, &mut out, &mut found);
    found.then_some(out)
}

pub(crate) fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let m = ctx.model;
    for s in m.scopes.iter().filter(|s| s.access == Access::Write) {
        let Some(read) = counterpart(&s.name) else { continue };
        if m.lookup(&read).is_none() {
            out.push(
                RULE.warning(s.name_span, format!("write scope `{}` has no read counterpart `{read}`", s.name))
                    .with_label("no read scope")
                    .with_help(format!("declare `scope {read} read \"…\"` so read-only integrations need not write")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::counterpart;

    #[test]
    fn counterparts() {
        assert_eq!(counterpart("write:patients").as_deref(), Some("read:patients"));
        assert_eq!(counterpart("orders_write").as_deref(), Some("orders_read"));
        assert_eq!(counterpart("pharmacy_sku_write").as_deref(), Some("pharmacy_sku_read"));
        assert_eq!(counterpart("create_checkout"), None);
        assert_eq!(counterpart("rewrite:x"), None);
    }
}
