//! Nested-bracket layout of an n-d array: rows wrapped at the line width, blank lines
//! between blocks, and `...` where a summarized axis skips its middle (NumPy's
//! `_formatArray`).

use super::elements::{width, Values};

/// The elements an array shows, read once, and where they sit.
pub(crate) struct Grid {
    /// The array's shape.
    pub(crate) shape: Vec<usize>,
    /// How many indices of each axis were read (all, or the two edges).
    pub(crate) kept: Vec<usize>,
    /// The values read, in C order over `kept`.
    pub(crate) values: Values,
}

/// Everything the recursion needs besides the position.
pub(crate) struct Layout<'a> {
    pub(crate) grid: &'a Grid,
    /// Renders the element at a flat position of the grid.
    pub(crate) format: &'a dyn Fn(usize) -> String,
    pub(crate) separator: &'a str,
    pub(crate) edge_items: usize,
    /// True when the array is above the threshold (`...` may be inserted).
    pub(crate) summarize: bool,
}

/// Append `word` to `line`, first moving to a new line when it would pass `line_width`
/// (but never when the line holds nothing beyond its indent).
fn extend_line(s: &mut String, line: &mut String, word: &str, line_width: i64, prefix: &str) {
    let needs_wrap = (width(line) + width(word)) as i64 > line_width && width(line) > width(prefix);
    if needs_wrap {
        s.push_str(line.trim_end());
        s.push('\n');
        line.clear();
        line.push_str(prefix);
    }
    line.push_str(word);
}

/// As [`extend_line`], for a word that may span several lines.
fn extend_line_pretty(
    s: &mut String,
    line: &mut String,
    word: &str,
    line_width: i64,
    prefix: &str,
) {
    let words: Vec<&str> = word.lines().collect();
    if words.len() <= 1 {
        extend_line(s, line, word, line_width, prefix);
        return;
    }
    let max_len = words.iter().map(|w| width(w)).max().unwrap_or(0);
    let indent;
    if (width(line) + max_len) as i64 > line_width && width(line) > width(prefix) {
        s.push_str(line.trim_end());
        s.push('\n');
        *line = format!("{prefix}{}", words[0]);
        indent = prefix.to_string();
    } else {
        indent = " ".repeat(width(line));
        line.push_str(words[0]);
    }
    for w in &words[1..] {
        s.push_str(line.trim_end());
        s.push('\n');
        *line = format!("{indent}{w}");
    }
    let last = words.last().map_or(0, |w| width(w));
    line.push_str(&" ".repeat(max_len - last));
}

impl Layout<'_> {
    /// The text of the whole array.
    pub(crate) fn render(&self, line_width: i64, next_line_prefix: &str) -> String {
        self.recurse(0, 0, next_line_prefix, line_width)
    }

    /// Which kept positions an axis shows: (leading, trailing, summary shown).
    fn plan(&self, axis: usize) -> (Vec<usize>, Vec<usize>, bool) {
        let len = self.grid.shape[axis];
        let kept = self.grid.kept[axis];
        let show_summary = self.summarize && 2 * self.edge_items < len;
        if show_summary {
            let leading: Vec<usize> = (0..self.edge_items).collect();
            // NumPy walks the trailing items as negative indices -edge..=-1, the last
            // always included.
            let trailing: Vec<usize> = (1..=self.edge_items.max(1))
                .rev()
                .map(|i| kept - i)
                .collect();
            (leading, trailing, true)
        } else {
            (Vec::new(), (0..kept).collect(), false)
        }
    }

    fn recurse(&self, axis: usize, offset: usize, hanging: &str, curr_width: i64) -> String {
        let ndim = self.grid.shape.len();
        if axis == ndim {
            return (self.format)(offset);
        }
        let axes_left = ndim - axis;
        let stride: usize = self.grid.kept[axis + 1..].iter().product();
        let next_hanging = format!("{hanging} ");
        let next_width = curr_width - 1;
        let (leading, trailing, show_summary) = self.plan(axis);
        let mut s = String::new();
        if axes_left == 1 {
            let sep_trim = self.separator.trim_end();
            let elem_width = curr_width - (width(sep_trim).max(1) as i64);
            let mut line = hanging.to_string();
            for &i in &leading {
                let word = self.recurse(axis + 1, offset + i * stride, &next_hanging, next_width);
                extend_line_pretty(&mut s, &mut line, &word, elem_width, hanging);
                line.push_str(self.separator);
            }
            if show_summary {
                extend_line(&mut s, &mut line, "...", elem_width, hanging);
                line.push_str(self.separator);
            }
            if let Some((&last, rest)) = trailing.split_last() {
                for &i in rest {
                    let word =
                        self.recurse(axis + 1, offset + i * stride, &next_hanging, next_width);
                    extend_line_pretty(&mut s, &mut line, &word, elem_width, hanging);
                    line.push_str(self.separator);
                }
                let word =
                    self.recurse(axis + 1, offset + last * stride, &next_hanging, next_width);
                extend_line_pretty(&mut s, &mut line, &word, elem_width, hanging);
            }
            s.push_str(&line);
        } else {
            let line_sep = format!(
                "{}{}",
                self.separator.trim_end(),
                "\n".repeat(axes_left - 1)
            );
            for &i in &leading {
                let nested = self.recurse(axis + 1, offset + i * stride, &next_hanging, next_width);
                s.push_str(hanging);
                s.push_str(&nested);
                s.push_str(&line_sep);
            }
            if show_summary {
                s.push_str(hanging);
                s.push_str("...");
                s.push_str(&line_sep);
            }
            if let Some((&last, rest)) = trailing.split_last() {
                for &i in rest {
                    let nested =
                        self.recurse(axis + 1, offset + i * stride, &next_hanging, next_width);
                    s.push_str(hanging);
                    s.push_str(&nested);
                    s.push_str(&line_sep);
                }
                let nested =
                    self.recurse(axis + 1, offset + last * stride, &next_hanging, next_width);
                s.push_str(hanging);
                s.push_str(&nested);
            }
        }
        let body = s.get(hanging.len()..).unwrap_or("");
        format!("[{body}]")
    }
}
