//! The HTTP methods an endpoint may have.

/// An HTTP method a policy can name. The compiler's language and the generated tables use
/// this one type, so a method's code (its index in [`Method::ALL`]) is never repeated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Method {
    /// `GET`
    Get,
    /// `HEAD`
    Head,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `PATCH`
    Patch,
    /// `DELETE`
    Delete,
    /// `OPTIONS`
    Options,
    /// `TRACE`
    Trace,
    /// `CONNECT`
    Connect,
}

impl Method {
    /// Every method, in the order of their codes (and of `Allow` header lists).
    pub const ALL: [Method; 9] = [
        Method::Get,
        Method::Head,
        Method::Post,
        Method::Put,
        Method::Patch,
        Method::Delete,
        Method::Options,
        Method::Trace,
        Method::Connect,
    ];

    /// The number of methods: the width of a route's row of endpoints.
    pub const COUNT: usize = Method::ALL.len();

    /// The method's name, upper case as sent.
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Head => "HEAD",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
            Method::Options => "OPTIONS",
            Method::Trace => "TRACE",
            Method::Connect => "CONNECT",
        }
    }

    /// The method a request line names (case-sensitive, as HTTP methods are).
    ///
    /// ```
    /// use scopec_runtime::Method;
    /// assert_eq!(Method::parse("PATCH"), Some(Method::Patch));
    /// assert_eq!(Method::parse("patch"), None);
    /// ```
    #[inline]
    pub fn parse(name: &str) -> Option<Method> {
        let m = match name {
            "GET" => Method::Get,
            "HEAD" => Method::Head,
            "POST" => Method::Post,
            "PUT" => Method::Put,
            "PATCH" => Method::Patch,
            "DELETE" => Method::Delete,
            "OPTIONS" => Method::Options,
            "TRACE" => Method::Trace,
            "CONNECT" => Method::Connect,
            _ => return None,
        };
        Some(m)
    }

    /// The method's code: its index in [`Method::ALL`].
    pub const fn code(self) -> usize {
        self as usize
    }
}

impl core::fmt::Display for Method {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::Method;

    #[test]
    fn codes_are_indices_and_names_round_trip() {
        for (i, m) in Method::ALL.iter().enumerate() {
            assert_eq!(m.code(), i);
            assert_eq!(Method::parse(m.as_str()), Some(*m));
        }
        assert_eq!(Method::parse("FETCH"), None);
    }
}
