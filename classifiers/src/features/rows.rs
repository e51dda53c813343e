//! The model's rows (`FEATURES.md` §6–§7): the whole prompt and its windows, as one matrix over
//! the union of their feature indices.

use super::{
    DENSE_DIM, FeatureBuffers, Features, HASH_DIM, Tally, WINDOW_CHARS, WINDOW_STRIDE,
    WINDOWED_ABOVE, window_ranges,
};

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
    window: Features,
    counter: SmallCounter,
    /// The whole text's columns by feature index.
    columns: SmallMap,
    /// Feature indices of the columns only windows have.
    extra: Vec<u32>,
    /// Every window's `(column, value)` entries, and where each window's entries end.
    entries: Vec<(u32, f32)>,
    ends: Vec<usize>,
}

/// Marks a free slot.
const FREE: u32 = u32::MAX;

/// Open addressing from a bucket to a number, sized for a few thousand keys: a window's grams
/// stay in the first-level cache here, where the [`HASH_DIM`] table of a whole text would miss
/// on nearly every one of them.
#[derive(Debug, Default)]
struct SmallMap {
    keys: Vec<u32>,
    values: Vec<u32>,
    /// Occupied slots, in the order they were taken.
    used: Vec<u32>,
}

impl SmallMap {
    /// Empties the map and makes room for `n` keys at most half full.
    fn reset(&mut self, n: usize) {
        let slots = (2 * n).next_power_of_two().max(64);
        if self.keys.len() != slots {
            self.keys = vec![FREE; slots];
            self.values = vec![0; slots];
        } else {
            for &slot in &self.used {
                self.keys[slot as usize] = FREE;
            }
        }
        self.used.clear();
    }

    /// Fibonacci hashing: the top bits of the product, as many as the table has slots.
    #[inline]
    fn home(&self, key: u32) -> usize {
        let bits = self.keys.len().trailing_zeros();
        (key.wrapping_mul(0x9E37_79B9) >> (32 - bits)) as usize
    }

    #[inline]
    fn slot(&mut self, key: u32) -> usize {
        let mask = self.keys.len() - 1;
        let mut slot = self.home(key);
        loop {
            match self.keys[slot] {
                FREE => {
                    self.keys[slot] = key;
                    self.values[slot] = 0;
                    self.used.push(slot as u32);
                    return slot;
                }
                k if k == key => return slot,
                _ => slot = (slot + 1) & mask,
            }
        }
    }

    fn get(&self, key: u32) -> Option<u32> {
        let mask = self.keys.len() - 1;
        let mut slot = self.home(key);
        loop {
            match self.keys[slot] {
                FREE => return None,
                k if k == key => return Some(self.values[slot]),
                _ => slot = (slot + 1) & mask,
            }
        }
    }
}

/// Counts a window's grams in a [`SmallMap`]; its buckets come out unordered.
#[derive(Debug, Default)]
struct SmallCounter {
    map: SmallMap,
}

impl Tally for SmallCounter {
    #[inline]
    fn add(&mut self, hash: u32) {
        let slot = self.map.slot(hash & (HASH_DIM as u32 - 1));
        self.map.values[slot] += 1;
    }

    fn drain(&mut self, mut f: impl FnMut(u32, u32)) {
        for &slot in &self.map.used {
            f(self.map.keys[slot as usize], self.map.values[slot as usize]);
        }
        // A window has fewer than four grams per code point.
        self.map.reset(4 * WINDOW_CHARS);
    }
}

/// The code-point starts of the windows of a text of `n` code points (`FEATURES.md` §6).
pub(super) fn window_starts(n: usize) -> impl Iterator<Item = usize> {
    let windowed = n > WINDOWED_ABOVE;
    let last = n.saturating_sub(WINDOW_CHARS);
    (0..if windowed { last } else { 0 })
        .step_by(WINDOW_STRIDE)
        .chain(windowed.then_some(last))
}

/// The column of a feature index: one of the whole text's, or an extra one.
fn column_of(index: u32, columns: &SmallMap, whole: usize, extra: &mut Vec<u32>) -> u32 {
    if let Some(column) = columns.get(index) {
        return column;
    }
    let at = match extra.iter().position(|&b| b == index) {
        Some(at) => at,
        None => {
            extra.push(index);
            extra.len() - 1
        }
    };
    (whole + at) as u32
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
        let (mut scratch, _, _) = self.parts();
        for (a, b) in window_ranges(text, &mut s.char_starts) {
            if s.ends.is_empty() {
                // The first window: map the whole text's indices to their columns.
                s.columns.reset(s.whole.idx.len());
                for (column, &index) in s.whole.idx.iter().enumerate() {
                    let slot = s.columns.slot(index as u32);
                    s.columns.values[slot] = column as u32;
                }
                s.counter.map.reset(4 * WINDOW_CHARS);
            }
            scratch.extract(&text[a..b], &mut s.counter, &mut s.window);
            for (&i, &v) in s.window.idx.iter().zip(&s.window.val) {
                let column = column_of(i as u32, &s.columns, s.whole.idx.len(), &mut s.extra);
                s.entries.push((column, v));
            }
            s.ends.push(s.entries.len());
            rows.dense.extend_from_slice(&s.window.dense);
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
