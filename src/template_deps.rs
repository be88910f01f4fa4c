//! Placeholder until the scanner lands: reports every template as dynamic (depends on all
//! data), which is always sound.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Access {
    pub root: String,
    pub path: Vec<Segment>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Key(String),
    Ref { root: String, path: Vec<String> },
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TemplateRefs {
    pub accesses: Vec<Access>,
    pub uses: Vec<String>,
    pub bound: std::collections::BTreeSet<String>,
    pub dynamic: bool,
}

pub fn scan(_source: &str, _roots: &[&str]) -> TemplateRefs {
    TemplateRefs {
        dynamic: true,
        ..TemplateRefs::default()
    }
}
