//! Tables: how a header row names its columns and how a cell sets a profile field, for every
//! reader of spreadsheets (CSV files, workbook sheets, data frames), so they all read the
//! same table the same way.

mod column;
mod header;

pub use column::Column;
pub use header::{CarriedColumn, TableHeader, TableHeaderBuilder};
