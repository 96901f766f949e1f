//! Typed indices and the vectors they index, so that an id of one table cannot be used in
//! another: `model.scopes[endpoint_id]` does not compile.
//!
//! ```compile_fail
//! use scopec::model::{EndpointId, Id, IdVec, ScopeId};
//! let scopes: IdVec<ScopeId, &str> = IdVec::from(vec!["read:a"]);
//! let _ = scopes[EndpointId::new(0)];
//! ```
//!
//! ```
//! use scopec::model::{Id, IdVec, ScopeId};
//! let scopes: IdVec<ScopeId, &str> = IdVec::from(vec!["read:a"]);
//! assert_eq!(scopes[ScopeId::new(0)], "read:a");
//! ```

use std::fmt;
use std::marker::PhantomData;
use std::ops::{Index, IndexMut};

/// An index into one [`IdVec`].
pub trait Id: Copy + Eq + Ord + std::hash::Hash + fmt::Debug {
    /// The id of the `index`th element.
    fn new(index: usize) -> Self;
    /// The position this id stands for.
    fn index(self) -> usize;
}

macro_rules! ids {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
        pub struct $name(usize);

        impl Id for $name {
            fn new(index: usize) -> Self {
                $name(index)
            }
            fn index(self) -> usize {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!(stringify!($name), "({})"), self.0)
            }
        }
    )*};
}

ids! {
    /// Index of a scope in [`Model::scopes`](super::Model::scopes).
    ScopeId;
    /// Index of an api in [`Model::apis`](super::Model::apis).
    ApiId;
    /// Index of an endpoint in [`Model::endpoints`](super::Model::endpoints).
    EndpointId;
    /// Index of a docs group in [`Model::groups`](super::Model::groups).
    GroupId;
    /// Index of a route in [`RouteTree::routes`](super::RouteTree::routes).
    RouteId;
    /// Index of a node of the [`RouteTree`](super::RouteTree).
    NodeId;
}

impl NodeId {
    /// The root of every route tree.
    pub const ROOT: NodeId = NodeId(0);
}

/// A vector indexed by one kind of id.
#[derive(Clone, PartialEq, Eq)]
pub struct IdVec<I, T> {
    items: Vec<T>,
    id: PhantomData<fn(I) -> I>,
}

impl<I: Id, T> IdVec<I, T> {
    pub fn new() -> Self {
        IdVec { items: Vec::new(), id: PhantomData }
    }

    /// Appends `item`, returning its id.
    pub fn push(&mut self, item: T) -> I {
        self.items.push(item);
        I::new(self.items.len() - 1)
    }

    /// The id the next [`push`](Self::push) will return.
    pub fn next_id(&self) -> I {
        I::new(self.items.len())
    }

    pub fn get(&self, id: I) -> Option<&T> {
        self.items.get(id.index())
    }

    pub fn get_mut(&mut self, id: I) -> Option<&mut T> {
        self.items.get_mut(id.index())
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.items.iter()
    }

    pub fn iter_mut(&mut self) -> std::slice::IterMut<'_, T> {
        self.items.iter_mut()
    }

    /// Every id, ascending.
    pub fn ids(&self) -> impl DoubleEndedIterator<Item = I> + ExactSizeIterator + use<I, T> {
        (0..self.items.len()).map(I::new)
    }

    /// Every element with its id.
    pub fn enumerate(&self) -> impl DoubleEndedIterator<Item = (I, &T)> + ExactSizeIterator {
        self.items.iter().enumerate().map(|(i, t)| (I::new(i), t))
    }

    /// A side table with the same ids: `f` of each element.
    pub fn map<U>(&self, f: impl FnMut(&T) -> U) -> IdVec<I, U> {
        self.items.iter().map(f).collect()
    }

    pub fn as_slice(&self) -> &[T] {
        &self.items
    }

    pub fn last(&self) -> Option<&T> {
        self.items.last()
    }
}

impl<I: Id, T> Default for IdVec<I, T> {
    fn default() -> Self {
        IdVec::new()
    }
}

impl<I: Id, T: fmt::Debug> fmt::Debug for IdVec<I, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(&self.items).finish()
    }
}

impl<I: Id, T> Index<I> for IdVec<I, T> {
    type Output = T;
    fn index(&self, id: I) -> &T {
        &self.items[id.index()]
    }
}

impl<I: Id, T> IndexMut<I> for IdVec<I, T> {
    fn index_mut(&mut self, id: I) -> &mut T {
        &mut self.items[id.index()]
    }
}

impl<I: Id, T> From<Vec<T>> for IdVec<I, T> {
    fn from(items: Vec<T>) -> Self {
        IdVec { items, id: PhantomData }
    }
}

impl<I: Id, T> FromIterator<T> for IdVec<I, T> {
    fn from_iter<It: IntoIterator<Item = T>>(iter: It) -> Self {
        IdVec::from(iter.into_iter().collect::<Vec<T>>())
    }
}

impl<'a, I: Id, T> IntoIterator for &'a IdVec<I, T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

impl<I: Id, T> IntoIterator for IdVec<I, T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_index_their_own_vector() {
        let mut v: IdVec<ScopeId, &str> = IdVec::new();
        assert_eq!(v.next_id(), ScopeId::new(0));
        let a = v.push("a");
        let b = v.push("b");
        assert_eq!((a.index(), b.index()), (0, 1));
        assert_eq!(v[b], "b");
        assert_eq!(v.get(ScopeId::new(2)), None);
        assert_eq!(v.enumerate().map(|(i, s)| (i.index(), *s)).collect::<Vec<_>>(), [(0, "a"), (1, "b")]);
        assert_eq!(format!("{b:?}"), "ScopeId(1)");
    }
}
