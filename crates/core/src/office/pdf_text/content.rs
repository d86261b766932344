//! Content streams read for their text: the text operators `Tj`, `TJ`, `'` and `"`, the
//! positioning ones (`Td`, `TD`, `Tm`, `T*`) to tell where words and lines break, and form
//! XObjects (`Do`) drawn inside a page.

use super::file::PdfFile;
use super::font::Font;
use super::syntax::{Dict, Lexer, Obj};
use std::collections::HashMap;
use std::rc::Rc;

/// Forms drawn inside forms deeper than this are skipped.
const MAX_FORM_DEPTH: usize = 8;

/// Collects the text of content streams.
pub struct TextCollector<'f> {
    file: &'f PdfFile<'f>,
    fonts: HashMap<u32, Rc<Font>>,
    pub out: String,
    /// Stop once `out` is this long (bytes).
    limit: usize,
}

#[derive(Clone)]
struct State {
    font: Rc<Font>,
    size: f64,
    leading: f64,
    word_spacing: f64,
    char_spacing: f64,
    scale: f64,
}

/// A text matrix `[a b c d e f]`.
type Matrix = [f64; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

impl<'f> TextCollector<'f> {
    pub fn new(file: &'f PdfFile<'f>, limit: usize) -> TextCollector<'f> {
        TextCollector {
            file,
            fonts: HashMap::new(),
            out: String::new(),
            limit,
        }
    }

    pub fn full(&self) -> bool {
        self.out.len() >= self.limit
    }

    fn font(&mut self, resources: Option<&Dict>, name: &[u8]) -> Rc<Font> {
        let fonts = resources.and_then(|r| self.file.dict(r, b"Font"));
        let Some(entry) = fonts.and_then(|f| f.get(name)) else {
            return Rc::new(Font::fallback());
        };
        let key = match entry {
            Obj::Ref(n) => Some(*n),
            _ => None,
        };
        if let Some(font) = key.and_then(|k| self.fonts.get(&k)) {
            return font.clone();
        }
        let font = match self.file.resolve(entry).as_dict() {
            Some(dict) => Rc::new(Font::load(self.file, dict)),
            None => Rc::new(Font::fallback()),
        };
        if let Some(k) = key {
            self.fonts.insert(k, font.clone());
        }
        font
    }

    /// Reads the text of one content stream drawn with `resources`.
    pub fn run(&mut self, data: &[u8], resources: Option<&Dict>, depth: usize) {
        let mut lx = Lexer::new(data, 0);
        let mut operands: Vec<Obj> = Vec::new();
        let mut state = State {
            font: Rc::new(Font::fallback()),
            size: 1.0,
            leading: 0.0,
            word_spacing: 0.0,
            char_spacing: 0.0,
            scale: 1.0,
        };
        let mut saved: Vec<State> = Vec::new();
        let mut tm = IDENTITY;
        let mut tlm = IDENTITY;
        // Where the last shown text ended, in the text matrix's space.
        let mut end: Option<(f64, f64)> = None;
        let num = |o: &[Obj], i: usize| o.get(i).and_then(Obj::as_f64).unwrap_or(0.0);
        while let Some(obj) = lx.next_obj() {
            if self.full() {
                return;
            }
            let Obj::Op(op) = obj else {
                if operands.len() < 64 {
                    operands.push(obj);
                }
                continue;
            };
            let o = &operands;
            match op.as_slice() {
                b"BT" => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                b"q" => saved.push(state.clone()),
                b"Q" => {
                    if let Some(s) = saved.pop() {
                        state = s;
                    }
                }
                b"Tf" => {
                    if let Some(Obj::Name(name)) = o.first() {
                        state.font = self.font(resources, name);
                    }
                    state.size = num(o, 1);
                }
                b"TL" => state.leading = num(o, 0),
                b"Tw" => state.word_spacing = num(o, 0),
                b"Tc" => state.char_spacing = num(o, 0),
                b"Tz" => state.scale = num(o, 0) / 100.0,
                b"Td" | b"TD" => {
                    let (tx, ty) = (num(o, 0), num(o, 1));
                    if op == b"TD" {
                        state.leading = -ty;
                    }
                    tlm = translate(tlm, tx, ty);
                    tm = tlm;
                }
                b"T*" => {
                    tlm = translate(tlm, 0.0, -state.leading);
                    tm = tlm;
                }
                b"Tm" if o.len() >= 6 => {
                    tlm = [
                        num(o, 0),
                        num(o, 1),
                        num(o, 2),
                        num(o, 3),
                        num(o, 4),
                        num(o, 5),
                    ];
                    tm = tlm;
                }
                b"Tj" | b"'" | b"\"" => {
                    if op != b"Tj" {
                        tlm = translate(tlm, 0.0, -state.leading);
                        tm = tlm;
                    }
                    if op == b"\"" {
                        state.word_spacing = num(o, 0);
                        state.char_spacing = num(o, 1);
                    }
                    if let Some(Obj::Str(s)) = o.last() {
                        self.show(s, &state, &mut tm, &mut end);
                    }
                }
                b"TJ" => {
                    if let Some(Obj::Array(items)) = o.last() {
                        for item in items {
                            match item {
                                Obj::Str(s) => self.show(s, &state, &mut tm, &mut end),
                                other => {
                                    let adjust = other.as_f64().unwrap_or(0.0);
                                    let tx = -adjust / 1000.0 * state.size * state.scale;
                                    tm = translate(tm, tx, 0.0);
                                }
                            }
                        }
                    }
                }
                b"Do" => {
                    if let Some(Obj::Name(name)) = o.first() {
                        self.form(resources, name, depth);
                        end = None;
                    }
                }
                b"BI" => {
                    // An inline image: its dictionary up to `ID`, then binary data.
                    while let Some(o) = lx.next_obj() {
                        if o == Obj::Op(b"ID".to_vec()) {
                            lx.skip_inline_image();
                            break;
                        }
                    }
                }
                _ => {}
            }
            operands.clear();
        }
    }

    /// Appends the text of string `s` shown at `tm`, preceded by a line break or a space
    /// when it starts away from where the last text ended; moves `tm` past it.
    fn show(&mut self, s: &[u8], state: &State, tm: &mut Matrix, end: &mut Option<(f64, f64)>) {
        let (x, y) = (tm[4], tm[5]);
        let em_x = (state.size * state.scale * tm[0].hypot(tm[1]))
            .abs()
            .max(0.01);
        let em_y = (state.size * tm[2].hypot(tm[3])).abs().max(0.01);
        if let Some((px, py)) = *end {
            if (y - py).abs() > em_y * 0.5 {
                self.out.push('\n');
            } else if x - px > em_x * 0.15 || px - x > em_x * 0.5 {
                self.out.push(' ');
            }
        }
        let mut advance = 0.0;
        for code in state.font.codes(s) {
            state.font.push_text(code, &mut self.out);
            advance += state.font.width(code) / 1000.0 * state.size + state.char_spacing;
            if code == 32 {
                advance += state.word_spacing;
            }
        }
        *tm = translate(*tm, advance * state.scale, 0.0);
        *end = Some((tm[4], tm[5]));
    }

    fn form(&mut self, resources: Option<&Dict>, name: &[u8], depth: usize) {
        if depth >= MAX_FORM_DEPTH {
            return;
        }
        let file = self.file;
        let Some(entry) = resources
            .and_then(|r| file.dict(r, b"XObject"))
            .and_then(|x| x.get(name))
        else {
            return;
        };
        let Some(n) = file.stream_ref(entry) else {
            return;
        };
        let Some(dict) = file.resolve(entry).as_dict() else {
            return;
        };
        if file.get(dict, b"Subtype").and_then(Obj::as_name) != Some(b"Form") {
            return;
        }
        let Some(data) = file.stream(n) else { return };
        let own = file.dict(dict, b"Resources").or(resources);
        self.out.push('\n');
        self.run(&data, own, depth + 1);
        self.out.push('\n');
    }
}

/// `m` moved by (tx, ty) in its own space.
fn translate(m: Matrix, tx: f64, ty: f64) -> Matrix {
    [
        m[0],
        m[1],
        m[2],
        m[3],
        tx * m[0] + ty * m[2] + m[4],
        tx * m[1] + ty * m[3] + m[5],
    ]
}
