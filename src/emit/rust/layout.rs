//! Writing Rust source in the layout rustfmt gives it, so generated modules are
//! rustfmt-clean without running rustfmt.

/// rustfmt's defaults.
pub const MAX_WIDTH: usize = 100;
const ARRAY_WIDTH: usize = 60;
const STRUCT_LIT_WIDTH: usize = 18;
const FN_CALL_WIDTH: usize = 60;

/// Source text being built, with an indentation level.
pub struct Code {
    pub text: String,
}

impl Code {
    pub fn new() -> Self {
        Code { text: String::new() }
    }

    /// One line at `indent` levels of four spaces.
    pub fn line(&mut self, indent: usize, s: &str) {
        if !s.is_empty() {
            for _ in 0..indent {
                self.text.push_str("    ");
            }
            self.text.push_str(s);
        }
        self.text.push('\n');
    }

    /// A `///` doc comment line (or lines), escaped of nothing: text is prose.
    pub fn doc(&mut self, indent: usize, s: &str) {
        for l in s.lines() {
            self.line(indent, format!("/// {l}").trim_end());
        }
    }
}

/// A value that rustfmt lays out on one line, or as a block of lines.
pub enum Value {
    Atom(String),
    /// `&[…]` (with `amp`) or `[…]`.
    Array {
        amp: bool,
        items: Vec<Value>,
    },
    /// `Name { field: value, … }`.
    Struct {
        name: String,
        fields: Vec<(String, Value)>,
    },
    /// `name(arg, …)`.
    Call {
        name: String,
        args: Vec<Value>,
    },
}

impl Value {
    pub fn atom(s: impl Into<String>) -> Self {
        Value::Atom(s.into())
    }

    /// The one-line form.
    pub fn flat(&self) -> String {
        match self {
            Value::Atom(s) => s.clone(),
            Value::Array { amp, items } => {
                let inner: Vec<String> = items.iter().map(Value::flat).collect();
                format!("{}[{}]", if *amp { "&" } else { "" }, inner.join(", "))
            }
            Value::Struct { name, fields } => {
                let inner: Vec<String> = fields.iter().map(|(k, v)| format!("{k}: {}", v.flat())).collect();
                if inner.is_empty() { format!("{name} {{}}") } else { format!("{name} {{ {} }}", inner.join(", ")) }
            }
            Value::Call { name, args } => {
                let inner: Vec<String> = args.iter().map(Value::flat).collect();
                format!("{name}({})", inner.join(", "))
            }
        }
    }

    /// Whether rustfmt keeps this value on one line when it starts at `column` and is
    /// followed by `tail` characters.
    fn fits(&self, column: usize, tail: usize) -> bool {
        let flat = self.flat();
        if flat.contains('\n') || column + flat.len() + tail > MAX_WIDTH {
            return false;
        }
        match self {
            Value::Atom(_) => true,
            Value::Array { amp, items } => {
                items.is_empty()
                    || flat.len() - usize::from(*amp) - 2 <= ARRAY_WIDTH && items.iter().all(|i| i.fits(0, 0))
            }
            Value::Struct { name, fields } => {
                fields.is_empty()
                    || flat.len() - name.len() - 5 <= STRUCT_LIT_WIDTH && fields.iter().all(|(_, v)| v.fits(0, 0))
            }
            // A lone atom (a string literal, say) stays on the line whatever its width.
            Value::Call { args, .. } if args.len() == 1 && matches!(args[0], Value::Atom(_)) => true,
            Value::Call { name, args } => {
                flat.len() - name.len() - 2 <= FN_CALL_WIDTH && args.iter().all(|a| a.fits(0, 0))
            }
        }
    }

    /// Writes `prefix` + the value + `suffix` at `indent`, breaking it as rustfmt does.
    pub fn write(&self, code: &mut Code, indent: usize, prefix: &str, suffix: &str) {
        if self.fits(indent * 4 + prefix.len(), suffix.len()) {
            code.line(indent, &format!("{prefix}{}{suffix}", self.flat()));
            return;
        }
        // rustfmt lets a lone block-like item overflow into its brackets: `[Node {` … `}]`.
        let lone = match self {
            Value::Array { amp, items } if items.len() == 1 => Some((if *amp { "&[" } else { "[" }, "]", &items[0])),
            Value::Call { name, args } if args.len() == 1 => Some((name.as_str(), ")", &args[0])),
            _ => None,
        };
        if let Some((open, close, item)) = lone
            && matches!(item, Value::Struct { .. } | Value::Array { .. })
        {
            let open = if matches!(self, Value::Call { .. }) { format!("{open}(") } else { open.to_string() };
            item.write(code, indent, &format!("{prefix}{open}"), &format!("{close}{suffix}"));
            return;
        }
        match self {
            Value::Atom(s) => code.line(indent, &format!("{prefix}{s}{suffix}")),
            Value::Array { amp, items } => {
                code.line(indent, &format!("{prefix}{}[", if *amp { "&" } else { "" }));
                for item in items {
                    item.write(code, indent + 1, "", ",");
                }
                code.line(indent, &format!("]{suffix}"));
            }
            Value::Struct { name, fields } => {
                code.line(indent, &format!("{prefix}{name} {{"));
                for (k, v) in fields {
                    v.write(code, indent + 1, &format!("{k}: "), ",");
                }
                code.line(indent, &format!("}}{suffix}"));
            }
            Value::Call { name, args } => {
                code.line(indent, &format!("{prefix}{name}("));
                for a in args {
                    a.write(code, indent + 1, "", ",");
                }
                code.line(indent, &format!("){suffix}"));
            }
        }
    }
}

/// `&[a, b]`
pub fn slice(items: Vec<Value>) -> Value {
    Value::Array { amp: true, items }
}

/// `Name { k: v }`
pub fn record(name: &str, fields: Vec<(&str, Value)>) -> Value {
    Value::Struct { name: name.into(), fields: fields.into_iter().map(|(k, v)| (k.to_string(), v)).collect() }
}

/// A string literal.
pub fn string(s: &str) -> Value {
    Value::Atom(format!("{s:?}"))
}

/// A byte-string literal of printable ASCII text.
pub fn bytes(s: &str) -> Value {
    let mut out = String::from("b\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_ascii_graphic() || c == ' ' => out.push(c),
            c => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("\\x{b:02x}"));
                }
            }
        }
    }
    out.push('"');
    Value::Atom(out)
}

/// `Some(x)` or `None`.
pub fn option(v: Option<Value>) -> Value {
    match v {
        Some(v) => Value::Call { name: "Some".into(), args: vec![v] },
        None => Value::atom("None"),
    }
}

/// `name(args)`
pub fn call(name: &str, args: Vec<Value>) -> Value {
    Value::Call { name: name.into(), args }
}

/// A byte literal: `b'o'`.
pub fn byte_char(b: u8) -> String {
    match b {
        b'\'' => "b'\\''".to_string(),
        b'\\' => "b'\\\\'".to_string(),
        b if b.is_ascii_graphic() => format!("b'{}'", char::from(b)),
        b => format!("b'\\x{b:02x}'"),
    }
}
