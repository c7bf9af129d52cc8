//! The typed model: criteria, service lines, task profiles.

pub(crate) mod check;
pub(crate) mod context;
pub(crate) mod criteria;
pub(crate) mod field;
pub(crate) mod json;
pub(crate) mod position;
pub(crate) mod profile;
pub(crate) mod service;
pub(crate) mod vocab;
