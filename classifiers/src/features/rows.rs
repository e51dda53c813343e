//! The model's rows (`FEATURES.md` §6–§7): the whole prompt and its windows, as one matrix over
//! the union of their feature indices.

use super::{DENSE_DIM, FeatureBuffers, Features, WINDOW_CHARS, WINDOW_STRIDE, WINDOWED_ABOVE};

/// The model's input (`FEATURES.md` §7): row 0 is the whole text, rows 1.. its windows; the
/// columns are the distinct feature indices of all rows, the whole text's first (ascending),
/// then those only windows have.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rows {
    /// The columns' feature indices, distinct.
    pub idx: Vec<i64>,
    /// `rows() × idx.len()` values, row-major; 0 where a row lacks a feature.
    pub val: Vec<f32>,
    /// `rows() × DENSE_DIM` dense features, row-major.
    pub dense: Vec<f32>,
}

impl Rows {
    /// Number of rows: the whole text and its windows.
    pub fn rows(&self) -> usize {
        self.dense.len() / DENSE_DIM
    }

    /// The non-zero sparse entries of row `r` (0 = the whole text), in column order.
    pub fn entries(&self, r: usize) -> impl Iterator<Item = (i64, f32)> + '_ {
        let width = self.idx.len();
        self.idx
            .iter()
            .zip(&self.val[r * width..(r + 1) * width])
            .filter(|(_, v)| **v != 0.0)
            .map(|(&i, &v)| (i, v))
    }

    /// Row `r`'s dense features.
    pub fn dense(&self, r: usize) -> &[f32] {
        &self.dense[r * DENSE_DIM..(r + 1) * DENSE_DIM]
    }
}

/// Scratch space of [`FeatureBuffers::extract_rows`].
#[derive(Debug, Default)]
pub(super) struct RowScratch {
    /// Byte offset of every code point of the text, and its length.
    char_starts: Vec<u32>,
    whole: Features,
    /// Buckets of the columns only windows have.
    extra: Vec<u32>,
    /// Every window's `(column, value)` entries, and where each window's entries end.
    entries: Vec<(u32, f32)>,
    ends: Vec<usize>,
}

/// The code-point starts of the windows of a text of `n` code points (`FEATURES.md` §6).
pub(super) fn window_starts(n: usize) -> impl Iterator<Item = usize> {
    let windowed = n > WINDOWED_ABOVE;
    let last = n.saturating_sub(WINDOW_CHARS);
    (0..if windowed { last } else { 0 })
        .step_by(WINDOW_STRIDE)
        .chain(windowed.then_some(last))
}

/// The column of a feature index: one of the whole text's (`whole`, ascending) or an extra one.
/// A window's indices come in ascending order, so the search gallops on from `from`, the
/// position the previous index reached.
fn column_of(index: i64, whole: &[i64], from: &mut usize, extra: &mut Vec<u32>) -> u32 {
    let rest = &whole[*from..];
    let mut step = 1;
    while step < rest.len() && rest[step - 1] < index {
        step *= 2;
    }
    let span = &rest[..step.min(rest.len())];
    match span.binary_search(&index) {
        Ok(j) => {
            *from += j + 1;
            return (*from - 1) as u32;
        }
        Err(j) => *from += j,
    }
    let bucket = index as u32;
    let at = match extra.iter().position(|&b| b == bucket) {
        Some(at) => at,
        None => {
            extra.push(bucket);
            extra.len() - 1
        }
    };
    (whole.len() + at) as u32
}

impl FeatureBuffers {
    /// Computes the model's rows (`FEATURES.md` §7) of an already truncated prompt text: the
    /// whole text, then each window, every row featurised on its own.
    pub fn extract_rows(&mut self, text: &str) -> &Rows {
        let mut rows = std::mem::take(&mut self.rows);
        let mut s = std::mem::take(&mut self.row_scratch);
        s.whole.clone_from(self.extract(text));
        s.extra.clear();
        s.entries.clear();
        s.ends.clear();
        rows.dense.clear();
        rows.dense.extend_from_slice(&s.whole.dense);
        s.char_starts.clear();
        // A text of at most WINDOWED_ABOVE bytes has at most WINDOWED_ABOVE code points.
        if text.len() > WINDOWED_ABOVE {
            s.char_starts
                .extend(text.char_indices().map(|(offset, _)| offset as u32));
            s.char_starts.push(text.len() as u32);
        }
        let n = s.char_starts.len().saturating_sub(1);
        for start in window_starts(n) {
            let a = s.char_starts[start] as usize;
            let b = s.char_starts[start + WINDOW_CHARS] as usize;
            let window = self.extract(&text[a..b]);
            let mut from = 0;
            for (&i, &v) in window.idx.iter().zip(&window.val) {
                let column = column_of(i, &s.whole.idx, &mut from, &mut s.extra);
                s.entries.push((column, v));
            }
            s.ends.push(s.entries.len());
            rows.dense.extend_from_slice(&window.dense);
        }
        lay_out(&s, &mut rows);
        self.row_scratch = s;
        self.rows = rows;
        &self.rows
    }
}

/// Writes the rows' columns and values: the whole text's, then the windows'.
fn lay_out(s: &RowScratch, rows: &mut Rows) {
    rows.idx.clear();
    rows.idx.extend_from_slice(&s.whole.idx);
    rows.idx.extend(s.extra.iter().map(|&b| i64::from(b)));
    let width = rows.idx.len();
    rows.val.clear();
    rows.val.resize((1 + s.ends.len()) * width, 0.0);
    rows.val[..s.whole.val.len()].copy_from_slice(&s.whole.val);
    let mut at = 0;
    for (r, &end) in s.ends.iter().enumerate() {
        let row = &mut rows.val[(r + 1) * width..(r + 2) * width];
        for &(column, v) in &s.entries[at..end] {
            row[column as usize] = v;
        }
        at = end;
    }
}
