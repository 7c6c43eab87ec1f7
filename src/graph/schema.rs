//! What the exports know of a graph's nodes and edges: attribute names and
//! types (the subset every reader takes), and the traits the nodes and edges
//! implement for the exporters.

/// The value types an attribute may have: the subset of GraphML types that
/// Gephi, graphology, networkx and igraph all read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttrType {
    Int,
    Double,
    String,
}

impl AttrType {
    /// The GraphML `attr.type`.
    pub fn graphml(self) -> &'static str {
        match self {
            Self::Int => "int",
            Self::Double => "double",
            Self::String => "string",
        }
    }
}

/// One attribute of nodes or edges: its name in the exports and its type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttrDef {
    pub name: &'static str,
    pub kind: AttrType,
}

/// A value of an attribute. An empty `Text` counts as missing in exports.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Int(i64),
    Double(f64),
    Text(String),
}

/// What the exporters need from a node: identity, label, extra attributes.
pub trait NodeAttributes {
    /// The extra attributes (not `label`, not `iri`), in export column order.
    const ATTRS: &'static [AttrDef];
    fn iri(&self) -> &str;
    fn label(&self) -> &str;
    /// One value per entry of [`Self::ATTRS`], `None` when unknown.
    fn values(&self) -> Vec<Option<Value>>;
}

/// What the exporters need from an edge: weight and extra attributes.
pub trait EdgeAttributes {
    /// The extra attributes (not `weight`), in export column order.
    const ATTRS: &'static [AttrDef];
    fn weight(&self) -> f64;
    /// One value per entry of [`Self::ATTRS`], `None` when unknown.
    fn values(&self) -> Vec<Option<Value>>;
    /// [`Self::values`], put into `values`: an edge whose texts are made
    /// for it (joined meeting names) writes them into the buffers the
    /// previous edge left there, as the exporters write millions of edges
    /// with one `values`. By default, [`Self::values`] itself.
    fn values_into(&self, values: &mut Vec<Option<Value>>) {
        *values = self.values();
    }
}
