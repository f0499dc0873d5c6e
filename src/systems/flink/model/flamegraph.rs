//! Flame graphs of a vertex, with a parser that copes with their depth.
//!
//! Flink samples stacks up to `rest.flamegraph.stack-depth` (100) frames, and every frame is
//! nested two JSON levels below its caller. serde_json refuses documents nested deeper than 128
//! levels, so real flame graphs (60+ frames) fail to decode through `Deserialize`.
//! [`FlameGraph::parse`] reads them without recursion instead.

use serde::Deserialize;

/// `GET /jobs/:jobid/vertices/:vertexid/flamegraph?type=FULL|ON_CPU|OFF_CPU[&subtaskindex=N]`
/// (1.13+, needs `rest.flamegraph.enabled`). `data` is absent or empty until samples exist.
/// Decode real answers with [`FlameGraph::parse`]; the derived `Deserialize` only copes with
/// shallow graphs (see the module documentation).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct FlameGraph {
    /// When sampling ended, epoch ms.
    #[serde(rename = "endTimestamp", deserialize_with = "crate::net::lenient::int")]
    pub end_timestamp: i64,
    /// The root frame.
    pub data: Option<FlameNode>,
}

/// A frame of a [`FlameGraph`]: a method, its sample count and its callees.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct FlameNode {
    /// Frame, e.g. "java.lang.Thread.run:840", or "root".
    pub name: String,
    /// Samples in this frame and below.
    #[serde(deserialize_with = "crate::net::lenient::int")]
    pub value: i64,
    /// Callees.
    #[serde(deserialize_with = "crate::net::lenient::nullable")]
    pub children: Vec<FlameNode>,
}

impl FlameNode {
    /// Deepest nesting level below this frame (0 for a leaf).
    pub fn depth(&self) -> usize {
        let mut deepest = 0;
        let mut pending = vec![(self, 0usize)];
        while let Some((node, depth)) = pending.pop() {
            deepest = deepest.max(depth);
            pending.extend(node.children.iter().map(|c| (c, depth + 1)));
        }
        deepest
    }
}

/// Frames nested deeper than this are refused (Flink itself stops at a few hundred).
pub const MAX_FLAME_DEPTH: usize = 4096;

impl FlameGraph {
    /// Parses a flame graph answer of any depth up to [`MAX_FLAME_DEPTH`]. Unknown fields are
    /// skipped; malformed text is an error, never a panic.
    pub fn parse(text: &str) -> Result<FlameGraph, String> {
        let mut p = Cursor {
            bytes: text.as_bytes(),
            pos: 0,
        };
        let mut graph = FlameGraph::default();
        p.expect(b'{')?;
        let mut first = true;
        loop {
            p.ws();
            if p.eat(b'}') {
                break;
            }
            if !first {
                p.expect(b',')?;
                p.ws();
            }
            first = false;
            let key = p.string()?;
            p.ws();
            p.expect(b':')?;
            p.ws();
            match key.as_str() {
                "endTimestamp" => {
                    graph.end_timestamp = p.number_or_null()?.map_or(-1, |v| v as i64)
                }
                "data" if p.eat_literal("null") => graph.data = None,
                "data" => graph.data = Some(parse_node(&mut p)?),
                _ => p.skip_value()?,
            }
        }
        p.ws();
        if p.pos != p.bytes.len() {
            return Err(p.error("trailing characters"));
        }
        Ok(graph)
    }
}

/// Where the node parser stands.
#[derive(PartialEq)]
enum Mode {
    /// Just after `{`.
    ObjectStart,
    /// After a member of a node object.
    ObjectNext,
    /// Just after the `[` of `children`.
    ChildrenStart,
    /// After a child.
    ChildrenNext,
}

/// Parses one node object (at `{`) with an explicit stack instead of recursion.
fn parse_node(p: &mut Cursor) -> Result<FlameNode, String> {
    p.expect(b'{')?;
    let mut stack = vec![FlameNode::default()];
    let mut mode = Mode::ObjectStart;
    loop {
        p.ws();
        match mode {
            Mode::ObjectStart | Mode::ObjectNext => {
                if p.eat(b'}') {
                    let done = stack.pop().ok_or_else(|| p.error("unbalanced"))?;
                    match stack.last_mut() {
                        None => return Ok(done),
                        Some(parent) => parent.children.push(done),
                    }
                    mode = Mode::ChildrenNext;
                    continue;
                }
                if mode == Mode::ObjectNext {
                    p.expect(b',')?;
                    p.ws();
                }
                let key = p.string()?;
                p.ws();
                p.expect(b':')?;
                p.ws();
                let node = stack.last_mut().ok_or_else(|| p.error("unbalanced"))?;
                mode = Mode::ObjectNext;
                match key.as_str() {
                    "name" if p.eat_literal("null") => {}
                    "name" => node.name = p.string()?,
                    "value" => node.value = p.number_or_null()?.map_or(-1, |v| v as i64),
                    "children" if p.eat_literal("null") => {}
                    "children" => {
                        p.expect(b'[')?;
                        mode = Mode::ChildrenStart;
                    }
                    _ => p.skip_value()?,
                }
            }
            Mode::ChildrenStart | Mode::ChildrenNext => {
                if p.eat(b']') {
                    mode = Mode::ObjectNext;
                    continue;
                }
                if mode == Mode::ChildrenNext {
                    p.expect(b',')?;
                    p.ws();
                }
                p.expect(b'{')?;
                if stack.len() >= MAX_FLAME_DEPTH {
                    return Err(p.error("flame graph nested too deeply"));
                }
                stack.push(FlameNode::default());
                mode = Mode::ObjectStart;
            }
        }
    }
}

/// A position in JSON text.
struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Cursor<'_> {
    fn error(&self, what: &str) -> String {
        format!("flame graph: {what} at byte {}", self.pos)
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.pos += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        let hit = self.peek() == Some(byte);
        if hit {
            self.pos += 1;
        }
        hit
    }

    fn expect(&mut self, byte: u8) -> Result<(), String> {
        if self.eat(byte) {
            Ok(())
        } else {
            Err(self.error(&format!("expected '{}'", byte as char)))
        }
    }

    fn eat_literal(&mut self, word: &str) -> bool {
        let hit = self.bytes[self.pos..].starts_with(word.as_bytes());
        if hit {
            self.pos += word.len();
        }
        hit
    }

    fn number_or_null(&mut self) -> Result<Option<f64>, String> {
        if self.eat_literal("null") {
            return Ok(None);
        }
        if self.peek() == Some(b'"') {
            return Ok(self.string()?.trim().parse::<f64>().ok());
        }
        let start = self.pos;
        while matches!(
            self.peek(),
            Some(b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E')
        ) {
            self.pos += 1;
        }
        std::str::from_utf8(&self.bytes[start..self.pos])
            .ok()
            .and_then(|s| s.parse::<f64>().ok())
            .map(Some)
            .ok_or_else(|| self.error("expected a number"))
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let digits = self
            .bytes
            .get(self.pos..self.pos + 4)
            .and_then(|d| std::str::from_utf8(d).ok())
            .and_then(|d| u32::from_str_radix(d, 16).ok())
            .ok_or_else(|| self.error("bad \\u escape"))?;
        self.pos += 4;
        Ok(digits)
    }

    fn string(&mut self) -> Result<String, String> {
        self.expect(b'"')?;
        let mut out = Vec::new();
        loop {
            let byte = self
                .peek()
                .ok_or_else(|| self.error("unterminated string"))?;
            self.pos += 1;
            match byte {
                b'"' => break,
                b'\\' => {
                    let escaped = self
                        .peek()
                        .ok_or_else(|| self.error("unterminated escape"))?;
                    self.pos += 1;
                    let c = match escaped {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let high = self.hex4()?;
                            let code =
                                if (0xD800..0xDC00).contains(&high) && self.eat_literal("\\u") {
                                    let low = self.hex4()?;
                                    0x10000
                                        + ((high - 0xD800) << 10)
                                        + (low.wrapping_sub(0xDC00) & 0x3FF)
                                } else {
                                    high
                                };
                            char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER)
                        }
                        _ => return Err(self.error("bad escape")),
                    };
                    let mut buf = [0u8; 4];
                    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                }
                _ => out.push(byte),
            }
        }
        String::from_utf8(out).map_err(|_| self.error("invalid UTF-8"))
    }

    /// Skips any JSON value, however nested, without recursion.
    fn skip_value(&mut self) -> Result<(), String> {
        let mut open = 0usize;
        loop {
            self.ws();
            match self.peek().ok_or_else(|| self.error("unexpected end"))? {
                b'{' | b'[' => {
                    self.pos += 1;
                    open += 1;
                    continue;
                }
                b'}' | b']' if open > 0 => {
                    self.pos += 1;
                    open -= 1;
                }
                b',' | b':' if open > 0 => {
                    self.pos += 1;
                    continue;
                }
                b'"' => {
                    self.string()?;
                }
                b't' if self.eat_literal("true") => {}
                b'f' if self.eat_literal("false") => {}
                b'n' if self.eat_literal("null") => {}
                b'-' | b'0'..=b'9' => {
                    self.number_or_null()?;
                }
                _ => return Err(self.error("unexpected character")),
            }
            if open == 0 {
                return Ok(());
            }
        }
    }
}
