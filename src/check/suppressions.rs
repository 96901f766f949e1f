//! Suppression comments: well-formed, naming known lint rules, with a reason (`E0501`).
//! The lint stage applies them; a policy with a bad one has no model, so no writer runs.

use super::ctx::Ctx;
use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::syntax::ast::{File, Malformed};

const FORM: &str = "write `# scopec: allow(L0007) why this is fine`";

/// Reports every suppression that is malformed, names an unknown rule or gives no reason.
pub(crate) fn suppressions(ctx: &mut Ctx, file: &File) {
    for s in &file.suppressions {
        let bad = |message: String, label: &str, help: &str| {
            Diagnostic::error(codes::BAD_SUPPRESSION, s.span, message).with_label(label).with_help(help.to_string())
        };
        match s.malformed {
            Some(Malformed::NotAllow) => {
                ctx.report(bad(
                    "malformed suppression comment".into(),
                    "expected `scopec: allow(CODE, …) reason`",
                    FORM,
                ));
                continue;
            }
            Some(Malformed::Unclosed) => {
                ctx.report(bad("suppression comment has no closing `)`".into(), "unclosed", FORM));
                continue;
            }
            None => {}
        }
        for name in s.rules.iter().filter(|n| codes::lint_code(n).is_none()) {
            ctx.report(bad(
                format!("suppression names unknown rule `{name}`"),
                "no such rule",
                "`scopec rule` lists the rules",
            ));
        }
        if s.reason.is_empty() {
            ctx.report(bad(
                "suppression has no reason".into(),
                "say why the finding is acceptable",
                "write the reason after the parenthesis: `# scopec: allow(L0007) health check for load balancers`",
            ));
        }
    }
}
