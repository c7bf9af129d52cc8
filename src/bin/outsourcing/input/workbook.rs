//! Excel workbooks: the first sheet or a named one.
use super::*;
#[cfg(test)]
use delimited::{Cells, detect_delimiter};

// Excel

/// Reads the first sheet of an Excel workbook (or the sheet named `sheet`): the first
/// non-empty row is the header, rows whose cells are all blank are skipped, and line numbers
/// are the sheet's row numbers.
///
/// # Errors
///
/// A message when the workbook cannot be read, the sheet is missing or the header is bad.
pub(crate) fn xlsx(
    bytes: Vec<u8>,
    sheet: Option<&str>,
    unknown: &Unknown,
) -> Result<(Arc<Header>, Raws), String> {
    use calamine::{Data, Reader, Xlsx};
    let mut workbook =
        Xlsx::new(io::Cursor::new(bytes)).map_err(|e| format!("cannot read the workbook: {e}"))?;
    let names = workbook.sheet_names();
    let name = match sheet {
        Some(wanted) => names
            .iter()
            .find(|n| n.as_str() == wanted)
            .or_else(|| names.iter().find(|n| n.eq_ignore_ascii_case(wanted)))
            .cloned()
            .ok_or_else(|| {
                format!(
                    "there is no sheet \"{wanted}\" (the sheets: {})",
                    names.join(", ")
                )
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| "the workbook has no sheet".to_owned())?,
    };
    let range = workbook
        .worksheet_range(&name)
        .map_err(|e| format!("sheet \"{name}\": cannot read: {e}"))?;
    let first_row = u64::from(range.start().map_or(0, |(row, _)| row));
    let cell_text = |cell: &Data| -> Vec<u8> {
        match cell {
            Data::Empty => Vec::new(),
            Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}").into_bytes(),
            other => other.to_string().into_bytes(),
        }
    };
    let cell_type = |cell: &Data| match cell {
        Data::Float(_) | Data::Int(_) => CellType::Number,
        Data::Bool(_) => CellType::Bool,
        _ => CellType::Text,
    };
    let mut rows: VecDeque<(u64, Vec<Vec<u8>>, Vec<CellType>)> = range
        .rows()
        .enumerate()
        .map(|(i, row)| {
            (
                first_row + i as u64 + 1,
                row.iter().map(cell_text).collect(),
                row.iter().map(cell_type).collect(),
            )
        })
        .collect();
    drop(range);
    let (line, header_cells) = loop {
        match rows.pop_front() {
            Some((_, cells, _)) if is_blank(&cells) => {}
            Some((line, cells, _)) => break (line, cells),
            None => return Err(format!("sheet \"{name}\" is empty: there is no header")),
        }
    };
    let header = Arc::new(
        Header::new(line, &header_cells, unknown).map_err(|e| format!("sheet \"{name}\": {e}"))?,
    );
    let width = header_cells.len();
    Ok((
        header,
        Box::new(
            rows.into_iter()
                .filter_map(move |(line, mut cells, mut types)| {
                    if is_blank(&cells) {
                        return None;
                    }
                    cells.resize(width.max(cells.len()), Vec::new());
                    types.resize(cells.len(), CellType::Text);
                    Some(Raw::Row { line, cells, types })
                }),
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use outsourcing::Criterion;

    fn names(cell: &str) -> Option<&'static str> {
        match Column::read(&outsourcing::Column::from_header(cell)?) {
            Column::Id => Some("id"),
            Column::Field(field) => Some(field),
            _ => None,
        }
    }

    #[test]
    fn headers_match_by_name_label_and_polish() {
        assert_eq!(names(" Name "), Some("name"));
        assert_eq!(names("Decision basis"), Some("decision_basis"));
        assert_eq!(names("LINIA USŁUG"), Some("service_line"));
        assert_eq!(names("Service line"), Some("service_line"));
        assert_eq!(names("owner"), None);
        for c in Criterion::ALL {
            assert_eq!(names(c.label()), Some(c.name()));
        }
    }

    #[test]
    fn cells_split_with_quotes_across_lines() {
        let mut cells = Cells::new(b';');
        assert!(!cells.feed(b"1;\"a;b"));
        assert!(cells.feed(b"c\"\"d\";x"));
        assert_eq!(
            cells.finish(),
            vec![b"1".to_vec(), b"a;b\nc\"d".to_vec(), b"x".to_vec()]
        );
        assert_eq!(detect_delimiter(b"id;name;\"a,b,c\""), b';');
        assert_eq!(detect_delimiter(b"id\tname"), b'\t');
        assert_eq!(detect_delimiter(b"name"), b',');
    }
}
