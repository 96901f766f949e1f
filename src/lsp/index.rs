//! Every name a policy file declares or uses, with its span: what navigation, rename,
//! hover, highlighting and symbols read.

use crate::diagnostic::Span;
use crate::syntax::ast::{self, ApiStmt, BodyStmt, Expectation, Expr, Item, Requirement, ScopeOption};

/// What a name names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A scope or an alias (they share one namespace).
    Scope,
    /// A bundle (`bundle "Name" = …`).
    Bundle,
    /// An api (`api name …`).
    Api,
    /// A key kind (`keys { kind "Name" … }`).
    KeyKind,
    /// A group (`group "Name" { … }`).
    Group,
    /// A rate-limit tier (`rate tier2 "…"`).
    RateTier,
}

/// One occurrence of a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    pub kind: Kind,
    pub name: String,
    /// The name's text in the file (a quoted scope's span includes its quotes).
    pub span: Span,
    /// This is where the name is declared.
    pub declaration: bool,
}

/// An endpoint as a symbol: its line and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndpointSymbol {
    pub api: String,
    pub label: String,
    pub span: Span,
    pub path_span: Span,
}

/// The names of one file.
#[derive(Debug, Clone, Default)]
pub struct Index {
    pub occurrences: Vec<Occurrence>,
    pub endpoints: Vec<EndpointSymbol>,
    /// Each api's block: its name and span.
    pub apis: Vec<(String, Span)>,
    /// Each group's block: its name and span.
    pub groups: Vec<(String, Span)>,
    /// Test blocks: their name and span.
    pub tests: Vec<(String, Span)>,
}

impl Index {
    /// The index of a syntax tree.
    pub fn build(file: &ast::File) -> Index {
        let mut ix = Index::default();
        for item in &file.items {
            ix.item(item);
        }
        ix
    }

    /// The occurrence at byte `offset` (its span includes the offset, or ends at it).
    pub fn at(&self, offset: usize) -> Option<&Occurrence> {
        self.occurrences.iter().find(|o| o.span.start <= offset && offset <= o.span.end)
    }

    /// Every occurrence of a name.
    pub fn of<'a, 'n>(&'a self, kind: Kind, name: &'n str) -> impl Iterator<Item = &'a Occurrence> + use<'a, 'n> {
        self.occurrences.iter().filter(move |o| o.kind == kind && o.name == name)
    }

    /// The declaration of a name.
    pub fn declaration(&self, kind: Kind, name: &str) -> Option<&Occurrence> {
        self.of(kind, name).find(|o| o.declaration)
    }

    fn push(&mut self, kind: Kind, name: &str, span: Span, declaration: bool) {
        self.occurrences.push(Occurrence { kind, name: name.to_string(), span, declaration });
    }

    fn scope(&mut self, s: &ast::ScopeName, declaration: bool) {
        self.push(Kind::Scope, &s.name, s.span, declaration);
    }

    fn expr(&mut self, e: &Expr) {
        for s in e.scope_names() {
            self.scope(s, false);
        }
    }

    fn requirement(&mut self, r: &Requirement) {
        if let Requirement::Expr(e) = r {
            self.expr(e);
        }
    }

    fn scope_decl(&mut self, d: &ast::ScopeDecl) {
        self.scope(&d.name, true);
        for o in &d.options {
            if let ScopeOption::Requires(names, _) | ScopeOption::Implies(names, _) = o {
                for n in names {
                    self.scope(n, false);
                }
            }
        }
    }

    fn item(&mut self, item: &Item) {
        match item {
            Item::Policy(_) | Item::Forbid(_) | Item::Errors(_) => {}
            Item::Rate(r) => self.push(Kind::RateTier, &r.name.text, r.name.span, true),
            Item::Kind(k) => {
                self.push(Kind::KeyKind, &k.name.text, k.name.span, true);
                for stmt in &k.stmts {
                    if let crate::syntax::ast::KindStmt::Scopes(crate::syntax::ast::KindScopes::List(names), _) = stmt {
                        for n in names {
                            self.scope(n, false);
                        }
                    }
                }
            }
            Item::Group(g) => {
                self.push(Kind::Group, &g.name.value, g.name.span, true);
                self.groups.push((g.name.value.clone(), g.span));
                for d in &g.scopes {
                    self.scope_decl(d);
                }
            }
            Item::Scope(d) => self.scope_decl(d),
            Item::Alias(a) => {
                self.scope(&a.name, true);
                self.scope(&a.target, false);
            }
            Item::Api(a) => self.api(a),
            Item::Bundle(b) => {
                self.push(Kind::Bundle, &b.name.value, b.name.span, true);
                for s in &b.scopes {
                    self.scope(s, false);
                }
            }
            Item::Test(t) => {
                self.tests.push((t.name.value.clone(), t.span));
                for c in &t.cases {
                    self.case(c);
                }
            }
        }
    }

    fn api(&mut self, a: &ast::ApiBlock) {
        self.push(Kind::Api, &a.name.text, a.name.span, true);
        self.apis.push((a.name.text.clone(), a.span));
        let base = a.stmts.iter().find_map(|s| match s {
            ApiStmt::Base(t, _) => Some(t.value.as_str()),
            _ => None,
        });
        for stmt in &a.stmts {
            match stmt {
                ApiStmt::Keys(k) => {
                    for f in &k.facts {
                        if let ast::KeyFact::Kind { name, .. } = f {
                            self.push(Kind::KeyKind, &name.value, name.span, true);
                        }
                    }
                }
                ApiStmt::Rate(w, _) => self.push(Kind::RateTier, &w.text, w.span, false),
                ApiStmt::Endpoint(e) => {
                    self.requirement(&e.requirement);
                    for b in &e.body {
                        match b {
                            BodyStmt::Strip(r) | BodyStmt::Mask(r) => {
                                if let Some(u) = &r.unless {
                                    self.expr(u);
                                }
                            }
                            BodyStmt::Filter(f) | BodyStmt::Oblige(f) => {
                                if let Some(u) = &f.unless {
                                    self.expr(u);
                                }
                            }
                            BodyStmt::When(w) => self.requirement(&w.requirement),
                            BodyStmt::Rate(w, _) => self.push(Kind::RateTier, &w.text, w.span, false),
                            BodyStmt::Query(_) | BodyStmt::Body(_) | BodyStmt::Note(_) => {}
                        }
                    }
                    self.endpoints.push(EndpointSymbol {
                        api: a.name.text.clone(),
                        label: format!("{} {}{}", e.method.text, base.unwrap_or(""), e.path.text),
                        span: e.span,
                        path_span: e.path.span,
                    });
                }
                _ => {}
            }
        }
    }

    fn case(&mut self, c: &ast::TestCase) {
        if let Some(api) = &c.api {
            self.push(Kind::Api, &api.text, api.span, false);
        }
        for s in c.key.iter().flat_map(|k| &k.scopes) {
            self.scope(s, false);
        }
        for (_, set) in &c.grants {
            for s in &set.scopes {
                self.scope(s, false);
            }
        }
        if let Expectation::Deny { missing: Some(e), .. } = &c.expect {
            self.expr(e);
        }
    }
}
