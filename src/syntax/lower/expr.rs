//! Lowering of requirements and scope expressions, with pest's Pratt parser.

use std::sync::LazyLock;

use pest::iterators::Pair;
use pest::pratt_parser::{Assoc, Op, PrattParser};

use super::tokens::scope_name;
use super::{Kids, Lowered, span};
use crate::diagnostic::{Diagnostic, Span};
use crate::syntax::ast::{Expr, Requirement};
use crate::syntax::parser::{Rule, is_trivia};

/// `|` binds looser than `&`; both are left-associative.
static PRATT: LazyLock<PrattParser<Rule>> = LazyLock::new(|| {
    PrattParser::new().op(Op::infix(Rule::op_or, Assoc::Left)).op(Op::infix(Rule::op_and, Assoc::Left))
});

/// `requirement`
pub(crate) fn requirement(pair: Pair<'_, Rule>) -> Lowered<Requirement> {
    let mut kids = Kids::of(pair);
    match kids.next_any() {
        Some(p) if p.as_rule() == Rule::kw_public => Ok(Requirement::Public(span(&p))),
        Some(p) if p.as_rule() == Rule::kw_authenticated => Ok(Requirement::Authenticated(span(&p))),
        Some(p) if p.as_rule() == Rule::scope_expr => Ok(Requirement::Expr(scope_expr(p)?)),
        Some(p) => Err(kids.unexpected(&p)),
        None => Err(kids.missing("a requirement")),
    }
}

/// `unless`: the expression after the keyword.
pub(crate) fn unless(pair: Pair<'_, Rule>) -> Lowered<Expr> {
    let mut kids = Kids::of(pair);
    scope_expr(kids.take(Rule::scope_expr)?)
}

/// `scope_expr`: operands joined by `|` and `&`. Chains of one operator become one n-ary
/// node, so `a | b | … | z` is one level deep however long it is. Recursion only follows
/// parentheses, whose depth the prescan caps.
pub(crate) fn scope_expr(pair: Pair<'_, Rule>) -> Lowered<Expr> {
    let pairs = pair.into_inner().filter(|p| !is_trivia(p.as_rule()));
    PRATT
        .map_primary(|p| match p.as_rule() {
            Rule::scope_name => scope_name(p).map(Expr::Scope),
            Rule::kind_atom => Ok(Expr::Kind(super::tokens::word(&Kids::of(p).take(Rule::ident)?))),
            Rule::scope_expr => scope_expr(p),
            _ => Err(Box::new(Diagnostic::internal(
                span(&p),
                format!("unexpected {:?} in a scope expression", p.as_rule()),
            ))),
        })
        .map_infix(|lhs, op, rhs| {
            let (lhs, rhs) = (lhs?, rhs?);
            match op.as_rule() {
                Rule::op_or => Ok(join(lhs, rhs, true)),
                Rule::op_and => Ok(join(lhs, rhs, false)),
                _ => Err(Box::new(Diagnostic::internal(span(&op), "unexpected operator"))),
            }
        })
        .parse(pairs)
}

/// Appends `rhs` to `lhs` when `lhs` is already a chain of the same operator.
fn join(lhs: Expr, rhs: Expr, or: bool) -> Expr {
    let whole: Span = lhs.span().to(rhs.span());
    match (lhs, or) {
        (Expr::Or(mut xs, _), true) => {
            xs.push(rhs);
            Expr::Or(xs, whole)
        }
        (Expr::And(mut xs, _), false) => {
            xs.push(rhs);
            Expr::And(xs, whole)
        }
        (lhs, true) => Expr::Or(vec![lhs, rhs], whole),
        (lhs, false) => Expr::And(vec![lhs, rhs], whole),
    }
}
