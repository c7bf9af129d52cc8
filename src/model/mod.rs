//! The typed model: criteria, service lines, task profiles.

pub(crate) mod criteria;
pub(crate) mod field;
pub(crate) mod json;
pub(crate) mod profile;
pub(crate) mod service;
