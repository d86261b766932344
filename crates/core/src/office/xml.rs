//! The little XML the office formats need: escaping text for writing, and a forgiving
//! pull reader (tags and text, entities decoded) for reading parts back.

use std::borrow::Cow;

/// Escapes `text` for an XML element or attribute value; drops the control characters
/// XML 1.0 forbids (a stray one would make Word refuse the whole file).
pub fn escape(text: &str) -> Cow<'_, str> {
    let needs = |c: char| matches!(c, '<' | '>' | '&' | '"' | '\'') || forbidden(c);
    if !text.chars().any(needs) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if forbidden(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn forbidden(c: char) -> bool {
    (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

/// Decodes the five named entities and numeric character references; an unknown or broken
/// entity is kept as written.
pub fn unescape(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let decoded = rest.find(';').filter(|&end| end <= 12).and_then(|end| {
            let entity = &rest[1..end];
            let c = match entity {
                "lt" => Some('<'),
                "gt" => Some('>'),
                "amp" => Some('&'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => {
                    let number = entity.strip_prefix('#')?;
                    let code = match number.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => number.parse().ok()?,
                    };
                    char::from_u32(code)
                }
            }?;
            Some((c, end + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// One step of [`Reader`].
#[derive(Debug, Clone, PartialEq)]
pub enum Event<'a> {
    /// `<name attrs>` or `<name attrs/>` (then `empty`). `name` is the local name (the
    /// namespace prefix cut off).
    Start {
        name: &'a str,
        attrs: &'a str,
        empty: bool,
    },
    /// `</name>`, local name.
    End { name: &'a str },
    /// Text between tags (entities decoded), CDATA included.
    Text(Cow<'a, str>),
}

/// A pull reader over an XML document: comments, processing instructions and doctypes are
/// skipped; a document cut short simply ends.
pub struct Reader<'a> {
    rest: &'a str,
}

impl<'a> Reader<'a> {
    pub fn new(xml: &'a str) -> Reader<'a> {
        Reader { rest: xml }
    }
}

fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

impl<'a> Iterator for Reader<'a> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        loop {
            if self.rest.is_empty() {
                return None;
            }
            if !self.rest.starts_with('<') {
                let end = self.rest.find('<').unwrap_or(self.rest.len());
                let text = &self.rest[..end];
                self.rest = &self.rest[end..];
                return Some(Event::Text(unescape(text)));
            }
            let skip = |rest: &mut &'a str, open: &str, close: &str| -> bool {
                if !rest.starts_with(open) {
                    return false;
                }
                *rest = match rest[open.len()..].find(close) {
                    Some(at) => &rest[open.len() + at + close.len()..],
                    None => "",
                };
                true
            };
            if self.rest.starts_with("<![CDATA[") {
                let body = &self.rest[9..];
                let end = body.find("]]>").unwrap_or(body.len());
                self.rest = body.get(end + 3..).unwrap_or("");
                return Some(Event::Text(Cow::Borrowed(&body[..end])));
            }
            if skip(&mut self.rest, "<!--", "-->")
                || skip(&mut self.rest, "<?", "?>")
                || skip(&mut self.rest, "<!", ">")
            {
                continue;
            }
            let end = tag_end(self.rest)?;
            let tag = &self.rest[1..end];
            self.rest = &self.rest[end + 1..];
            if let Some(name) = tag.strip_prefix('/') {
                return Some(Event::End {
                    name: local(name.trim()),
                });
            }
            let (tag, empty) = match tag.strip_suffix('/') {
                Some(t) => (t, true),
                None => (tag, false),
            };
            let split = tag.find(|c: char| c.is_whitespace()).unwrap_or(tag.len());
            return Some(Event::Start {
                name: local(&tag[..split]),
                attrs: &tag[split..],
                empty,
            });
        }
    }
}

/// The index of the `>` closing the tag at the start of `s` (quoted `>` skipped).
fn tag_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(i),
            _ => {}
        }
    }
    None
}

/// The value of attribute `name` (local name, prefix ignored) in a tag's `attrs`.
pub fn attr<'a>(attrs: &'a str, name: &str) -> Option<Cow<'a, str>> {
    let mut rest = attrs;
    loop {
        let eq = rest.find('=')?;
        let key = local(rest[..eq].trim());
        let after = rest[eq + 1..].trim_start();
        let quote = after.chars().next().filter(|c| matches!(c, '"' | '\''))?;
        let close = after[1..].find(quote)?;
        let value = &after[1..1 + close];
        if key == name {
            return Some(unescape(value));
        }
        rest = &after[close + 2..];
    }
}
