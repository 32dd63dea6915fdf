//! Templates checked before anything is rendered: each project template is
//! parsed on its own, so a syntax error is reported as
//! `templates/<file>:line:col`; then the graph of `extends`, `include` and
//! macro calls is searched for cycles. Tera follows them without a limit, so
//! a template that extends itself or a macro that calls itself would
//! overflow the stack while rendering (and take `serve` down with it).

use std::collections::BTreeMap;
use std::path::PathBuf;

use tera::ast::{Expr, ExprVal, Node};
use tera::Template;

use crate::diag::Pos;

/// One template's text and whether it is the project's own (else the default).
pub(super) struct TemplateText {
    pub name: &'static str,
    pub text: String,
    pub own: bool,
}

/// A problem in a template, at its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateProblem {
    pub pos: Pos,
    pub message: String,
}

/// Parse every template on its own and look for cycles. Returns every
/// problem found; none means Tera may compile and render the set.
pub(super) fn problems(sources: &[TemplateText]) -> Vec<TemplateProblem> {
    let mut out = Vec::new();
    let mut parsed = BTreeMap::new();
    for src in sources {
        // Tera parses and renders recursively: refuse deep nesting first.
        if let Some((at, what)) = too_deep(&src.text) {
            out.push(TemplateProblem {
                pos: Pos::at_offset(&path(src.name), &src.text, at),
                message: format!("the template nests {what} more than {MAX_DEPTH} levels deep: Tera would run out of stack; nest less"),
            });
            continue;
        }
        match Template::new(src.name, None, &src.text) {
            Ok(t) => {
                parsed.insert(src.name, t);
            }
            Err(e) => out.push(parse_problem(src, &e)),
        }
    }
    if out.is_empty() {
        out.extend(cycle(sources, &parsed));
    }
    out
}

/// The deepest nesting of tags (`if`, `for`, `block`, `macro`, `filter`)
/// and of brackets inside one tag that a template may have.
const MAX_DEPTH: usize = 64;

/// Where a template first nests deeper than [`MAX_DEPTH`], and what.
fn too_deep(text: &str) -> Option<(usize, &'static str)> {
    let mut depth = 0usize;
    let mut from = 0;
    while let Some(i) = text[from..].find('{') {
        let open = from + i;
        let close = match text.as_bytes().get(open + 1) {
            Some(b'%') => "%}",
            Some(b'{') => "}}",
            _ => {
                from = open + 1;
                continue;
            }
        };
        let end = text[open + 2..]
            .find(close)
            .map_or(text.len(), |e| open + 2 + e);
        let inner = &text[open + 2..end];
        let mut brackets = 0usize;
        for (j, c) in inner.char_indices() {
            match c {
                '(' | '[' => brackets += 1,
                ')' | ']' => brackets = brackets.saturating_sub(1),
                _ => {}
            }
            if brackets > MAX_DEPTH {
                return Some((open + 2 + j, "brackets"));
            }
        }
        if close == "%}" {
            let word = inner
                .trim_start_matches('-')
                .split_whitespace()
                .next()
                .unwrap_or("");
            match word {
                "if" | "for" | "block" | "macro" | "filter" => depth += 1,
                "endif" | "endfor" | "endblock" | "endmacro" | "endfilter" => {
                    depth = depth.saturating_sub(1)
                }
                _ => {}
            }
            if depth > MAX_DEPTH {
                return Some((open, "tags"));
            }
        }
        from = (end + 2).min(text.len());
    }
    None
}

fn path(name: &str) -> PathBuf {
    PathBuf::from("templates").join(name)
}

/// A parse error at its line and column: Tera (pest) writes them as
/// ` --> 3:7` followed by the line, a caret and `= expected …`.
fn parse_problem(src: &TemplateText, e: &tera::Error) -> TemplateProblem {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text = s.to_string();
        source = s.source();
    }
    let (line, col) = text
        .split_once("--> ")
        .and_then(|(_, rest)| {
            let place = rest.split_whitespace().next()?;
            let (l, c) = place.split_once(':')?;
            Some((l.parse().ok()?, c.parse().ok()?))
        })
        .unwrap_or((1, 1));
    let detail = text
        .lines()
        .map(str::trim)
        .find_map(|l| l.strip_prefix("= "))
        .unwrap_or_else(|| text.lines().next().unwrap_or_default())
        .to_owned();
    let whose = if src.own {
        "fix the template, or delete it to use the default"
    } else {
        "a bug in the default theme"
    };
    TemplateProblem {
        pos: Pos::new(path(src.name), line, col),
        message: format!("cannot parse the template: {detail} ({whose})"),
    }
}

/// A template's body or one of its macros.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Vertex {
    Template(String),
    Macro(String, String),
}

impl Vertex {
    fn file(&self) -> &str {
        match self {
            Vertex::Template(f) | Vertex::Macro(f, _) => f,
        }
    }

    fn label(&self) -> String {
        match self {
            Vertex::Template(f) => f.clone(),
            Vertex::Macro(f, m) => format!("{f}: macro {m}"),
        }
    }
}

/// Who refers to whom: extends, includes and macro calls.
fn edges(parsed: &BTreeMap<&str, Template>) -> BTreeMap<Vertex, Vec<Vertex>> {
    let mut graph = BTreeMap::new();
    for (name, t) in parsed {
        let mut from_body = Vec::new();
        if let Some(parent) = &t.parent {
            from_body.push(Vertex::Template(parent.clone()));
        }
        let calls = |nodes: &[Node], out: &mut Vec<Vertex>| {
            let mut found = Vec::new();
            nodes_refs(nodes, &mut found);
            for r in found {
                out.extend(resolve(name, t, r));
            }
        };
        calls(&t.ast, &mut from_body);
        graph.insert(Vertex::Template((*name).to_owned()), from_body);
        for (m, def) in &t.macros {
            let mut from_macro = Vec::new();
            calls(&def.body, &mut from_macro);
            graph.insert(Vertex::Macro((*name).to_owned(), m.clone()), from_macro);
        }
    }
    graph
}

/// A reference found in an AST: an include, or a macro call `namespace::name`.
enum Ref<'a> {
    Include(&'a str),
    Call(&'a str, &'a str),
}

fn resolve(file: &str, t: &Template, r: Ref) -> Option<Vertex> {
    match r {
        Ref::Include(name) => Some(Vertex::Template(name.to_owned())),
        Ref::Call("self", m) => Some(Vertex::Macro(file.to_owned(), m.to_owned())),
        Ref::Call(ns, m) => t
            .imported_macro_files
            .iter()
            .find(|(_, n)| n == ns)
            .map(|(f, _)| Vertex::Macro(f.clone(), m.to_owned())),
    }
}

/// Every include and macro call in `nodes`, macro definitions excepted (they
/// are vertices of their own).
fn nodes_refs<'a>(nodes: &'a [Node], out: &mut Vec<Ref<'a>>) {
    for node in nodes {
        match node {
            Node::VariableBlock(_, e) => expr_refs(e, out),
            Node::Include(_, names, _) => out.extend(names.iter().map(|n| Ref::Include(n))),
            Node::Set(_, set) => expr_refs(&set.value, out),
            Node::FilterSection(_, f, _) => {
                f.filter.args.values().for_each(|e| expr_refs(e, out));
                nodes_refs(&f.body, out);
            }
            Node::Block(_, b, _) => nodes_refs(&b.body, out),
            Node::Forloop(_, f, _) => {
                expr_refs(&f.container, out);
                nodes_refs(&f.body, out);
                if let Some(empty) = &f.empty_body {
                    nodes_refs(empty, out);
                }
            }
            Node::If(i, _) => {
                for (_, cond, body) in &i.conditions {
                    expr_refs(cond, out);
                    nodes_refs(body, out);
                }
                if let Some((_, body)) = &i.otherwise {
                    nodes_refs(body, out);
                }
            }
            _ => {}
        }
    }
}

fn expr_refs<'a>(e: &'a Expr, out: &mut Vec<Ref<'a>>) {
    val_refs(&e.val, out);
    for f in &e.filters {
        f.args.values().for_each(|a| expr_refs(a, out));
    }
}

fn val_refs<'a>(v: &'a ExprVal, out: &mut Vec<Ref<'a>>) {
    match v {
        ExprVal::MacroCall(m) => {
            out.push(Ref::Call(&m.namespace, &m.name));
            m.args.values().for_each(|a| expr_refs(a, out));
        }
        ExprVal::FunctionCall(f) => f.args.values().for_each(|a| expr_refs(a, out)),
        ExprVal::Math(m) => {
            expr_refs(&m.lhs, out);
            expr_refs(&m.rhs, out);
        }
        ExprVal::Logic(l) => {
            expr_refs(&l.lhs, out);
            expr_refs(&l.rhs, out);
        }
        ExprVal::In(i) => {
            expr_refs(&i.lhs, out);
            expr_refs(&i.rhs, out);
        }
        ExprVal::Test(t) => t.args.iter().for_each(|a| expr_refs(a, out)),
        ExprVal::Array(items) => items.iter().for_each(|a| expr_refs(a, out)),
        ExprVal::StringConcat(s) => s.values.iter().for_each(|v| val_refs(v, out)),
        _ => {}
    }
}

/// The first cycle in the graph (in name order), reported at the project's
/// own template where it can be fixed.
fn cycle(sources: &[TemplateText], parsed: &BTreeMap<&str, Template>) -> Option<TemplateProblem> {
    let graph = edges(parsed);
    let mut done = std::collections::BTreeSet::new();
    for start in graph.keys() {
        let mut path = Vec::new();
        if let Some(found) = dfs(&graph, start, &mut path, &mut done) {
            return Some(cycle_problem(sources, &found));
        }
    }
    None
}

fn dfs(
    graph: &BTreeMap<Vertex, Vec<Vertex>>,
    v: &Vertex,
    path: &mut Vec<Vertex>,
    done: &mut std::collections::BTreeSet<Vertex>,
) -> Option<Vec<Vertex>> {
    if let Some(at) = path.iter().position(|p| p == v) {
        let mut cycle = path[at..].to_vec();
        cycle.push(v.clone());
        return Some(cycle);
    }
    if done.contains(v) {
        return None;
    }
    path.push(v.clone());
    for next in graph.get(v).into_iter().flatten() {
        if let Some(c) = dfs(graph, next, path, done) {
            return Some(c);
        }
    }
    path.pop();
    done.insert(v.clone());
    None
}

fn cycle_problem(sources: &[TemplateText], cycle: &[Vertex]) -> TemplateProblem {
    let own = |v: &Vertex| sources.iter().any(|s| s.own && s.name == v.file());
    let i = cycle[..cycle.len() - 1]
        .iter()
        .position(own)
        .unwrap_or_default();
    let (from, to) = (&cycle[i], &cycle[i + 1]);
    let text = sources
        .iter()
        .find(|s| s.name == from.file())
        .map_or("", |s| s.text.as_str());
    let needle = match (from, to) {
        (Vertex::Template(_), Vertex::Template(t)) => text
            .find("extends")
            .filter(|_| text.contains(t.as_str()))
            .or_else(|| text.find("include")),
        (_, Vertex::Macro(_, m)) => text.find(&format!("::{m}(")).map(|at| {
            // Back to the start of the namespace: `self::m(` or `ns::m(`.
            let ns = text[..at]
                .chars()
                .rev()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .map(char::len_utf8)
                .sum::<usize>();
            at - ns
        }),
        (Vertex::Macro(_, m), _) => text.find(&format!("macro {m}")),
    };
    let chain: Vec<String> = cycle.iter().map(Vertex::label).collect();
    let what = if cycle.len() == 2 {
        match from {
            Vertex::Template(_) => "a template may not extend or include itself".to_owned(),
            Vertex::Macro(..) => "a macro may not call itself".to_owned(),
        }
    } else {
        "templates may not extend or include each other in a circle, and macros may not call themselves, directly or through others".to_owned()
    };
    TemplateProblem {
        pos: Pos::at_offset(&path(from.file()), text, needle.unwrap_or(0)),
        message: format!(
            "template cycle {}: {what} (Tera has no depth limit: rendering would never end)",
            chain.join(" → ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn own(name: &'static str, text: &str) -> TemplateText {
        TemplateText {
            name,
            text: text.into(),
            own: true,
        }
    }

    fn messages(sources: &[TemplateText]) -> Vec<String> {
        problems(sources)
            .into_iter()
            .map(|p| format!("{}: {}", p.pos, p.message))
            .collect()
    }

    #[test]
    fn parse_errors_have_their_place() {
        let m = messages(&[own("base.html", "<p>\n  {{ x </p>")]);
        assert_eq!(m.len(), 1);
        assert!(m[0].starts_with("templates/base.html:2:"), "{m:?}");
        assert!(m[0].contains("cannot parse the template"), "{m:?}");
    }

    #[test]
    fn deep_nesting_is_refused_before_parsing() {
        let ifs = |n: usize| format!("{}x{}", "{% if true %}".repeat(n), "{% endif %}".repeat(n));
        assert!(messages(&[own("index.html", &ifs(64))]).is_empty());
        let m = messages(&[own("index.html", &ifs(65))]);
        assert!(
            m[0].starts_with("templates/index.html:1:833: the template nests tags"),
            "{m:?}"
        );
        let parens = format!("{{{{ {}1{} }}}}", "(".repeat(100), ")".repeat(100));
        assert!(messages(&[own("index.html", &parens)])[0].contains("nests brackets"));
    }

    #[test]
    fn self_extension_and_recursion_are_cycles() {
        let m = messages(&[own("base.html", "{% extends \"base.html\" %}\nx")]);
        assert_eq!(m.len(), 1);
        assert!(
            m[0].starts_with("templates/base.html:1:4: template cycle base.html → base.html"),
            "{m:?}"
        );
        let m = messages(&[own(
            "macros.html",
            "{% macro a(n) %}{{ self::b(n=n) }}{% endmacro a %}\n{% macro b(n) %}{% if n %}{{ self::a(n=n) }}{% endif %}{% endmacro b %}",
        )]);
        assert_eq!(m.len(), 1, "{m:?}");
        assert!(
            m[0].contains("macros.html: macro a → macros.html: macro b → macros.html: macro a"),
            "{m:?}"
        );
        let m = messages(&[
            own(
                "index.html",
                "{% import \"macros.html\" as m %}{{ m::x() }}",
            ),
            own(
                "macros.html",
                "{% macro x() %}{% include \"index.html\" %}{% endmacro x %}",
            ),
        ]);
        assert_eq!(m.len(), 1, "{m:?}");
        assert!(messages(&[own("base.html", "{% include \"other.html\" %}")]).is_empty());
    }
}
