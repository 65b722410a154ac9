//! Split panes inside one window.
//!
//! The layout is a binary tree of splits; `panes` holds the leaves in
//! visual order (left to right, top to bottom) and `focused` indexes it.

use lumen_terminal::term::EventListener;
use lumen_terminal::Term;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SplitDirection {
    Horizontal,
    Vertical,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
}

pub type PaneId = u64;

#[derive(Debug)]
enum Node {
    Leaf(PaneId),
    Split { direction: SplitDirection, ratio: f32, first: Box<Node>, second: Box<Node> },
}

pub struct Pane<L> {
    pub id: PaneId,
    pub term: Term<L>,
    pub rect: Rect,
}

pub struct PaneTree<L> {
    root: Node,
    panes: Vec<Pane<L>>,
    focused: usize,
    next_id: PaneId,
}

pub enum CloseResult {
    /// Other panes remain.
    Remaining,
    /// The last pane was closed; the window should close.
    LastPaneClosed,
}

impl<L: EventListener> PaneTree<L> {
    pub fn new(term: Term<L>, rect: Rect) -> Self {
        PaneTree { root: Node::Leaf(0), panes: vec![Pane { id: 0, term, rect }], focused: 0, next_id: 1 }
    }

    pub fn focused(&mut self) -> &mut Pane<L> {
        &mut self.panes[self.focused]
    }

    pub fn split(&mut self, direction: SplitDirection, term: Term<L>) -> PaneId {
        let id = self.next_id;
        self.next_id += 1;
        let focused_id = self.panes[self.focused].id;
        replace_leaf(&mut self.root, focused_id, |leaf| Node::Split {
            direction,
            ratio: 0.5,
            first: Box::new(leaf),
            second: Box::new(Node::Leaf(id)),
        });
        let rect = self.panes[self.focused].rect;
        self.panes.insert(self.focused + 1, Pane { id, term, rect });
        self.focused += 1;
        self.relayout(rect_of_window(&self.panes));
        id
    }

    /// Close the focused pane and move focus to its sibling (or the previous
    /// pane in visual order).
    pub fn close(&mut self) -> CloseResult {
        let index = self.focused;
        let id = self.panes[index].id;
        self.panes.remove(index);
        remove_leaf(&mut self.root, id);

        if index > 0 {
            self.focused = index - 1;
        } else {
            self.focused = index;
        }

        let window = rect_of_window(&self.panes);
        self.relayout(window);
        self.panes[self.focused].term.grid.display_offset = 0;

        if self.panes.is_empty() {
            CloseResult::LastPaneClosed
        } else {
            CloseResult::Remaining
        }
    }

    /// Recompute every pane's rectangle and resize its terminal.
    pub fn relayout(&mut self, window: Rect) {
        let mut rects = Vec::new();
        layout(&self.root, window, &mut rects);
        for (pane, rect) in self.panes.iter_mut().zip(rects) {
            pane.rect = rect;
            let (lines, columns) = cells_for(rect);
            pane.term.resize(lines, columns);
        }
    }
}

fn rect_of_window<L>(panes: &[Pane<L>]) -> Rect {
    panes.iter().map(|p| p.rect).reduce(|a, b| union(a, b)).unwrap_or(Rect { x: 0., y: 0., width: 0., height: 0. })
}

fn union(a: Rect, b: Rect) -> Rect {
    let x = a.x.min(b.x);
    let y = a.y.min(b.y);
    Rect { x, y, width: (a.x + a.width).max(b.x + b.width) - x, height: (a.y + a.height).max(b.y + b.height) - y }
}

fn cells_for(rect: Rect) -> (usize, usize) {
    const CELL_W: f32 = 9.;
    const CELL_H: f32 = 18.;
    (((rect.height / CELL_H) as usize).max(1), ((rect.width / CELL_W) as usize).max(2))
}

fn layout(node: &Node, rect: Rect, out: &mut Vec<Rect>) {
    match node {
        Node::Leaf(_) => out.push(rect),
        Node::Split { direction, ratio, first, second } => {
            let (a, b) = match direction {
                SplitDirection::Horizontal => {
                    let w = rect.width * ratio;
                    (Rect { width: w, ..rect }, Rect { x: rect.x + w, width: rect.width - w, ..rect })
                },
                SplitDirection::Vertical => {
                    let h = rect.height * ratio;
                    (Rect { height: h, ..rect }, Rect { y: rect.y + h, height: rect.height - h, ..rect })
                },
            };
            layout(first, a, out);
            layout(second, b, out);
        },
    }
}

fn replace_leaf(node: &mut Node, id: PaneId, f: impl FnOnce(Node) -> Node) -> bool {
    fn go(node: &mut Node, id: PaneId, f: &mut Option<Box<dyn FnOnce(Node) -> Node + '_>>) -> bool {
        match node {
            Node::Leaf(leaf) if *leaf == id => {
                let old = std::mem::replace(node, Node::Leaf(id));
                *node = (f.take().unwrap())(old);
                true
            },
            Node::Leaf(_) => false,
            Node::Split { first, second, .. } => go(first, id, f) || go(second, id, f),
        }
    }
    go(node, id, &mut Some(Box::new(f)))
}

/// Remove a leaf; its parent split is replaced by the sibling.
fn remove_leaf(node: &mut Node, id: PaneId) -> bool {
    if let Node::Split { first, second, .. } = node {
        let sibling = match (&**first, &**second) {
            (Node::Leaf(a), _) if *a == id => Some(std::mem::replace(&mut **second, Node::Leaf(0))),
            (_, Node::Leaf(b)) if *b == id => Some(std::mem::replace(&mut **first, Node::Leaf(0))),
            _ => None,
        };
        if let Some(sibling) = sibling {
            *node = sibling;
            return true;
        }
        return remove_leaf(first, id) || remove_leaf(second, id);
    }
    false
}
