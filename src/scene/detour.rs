//! Routing a connector around the cards between its two tables. The straight route of
//! [`super::route`] is kept whenever it crosses no other card (almost always, after
//! auto-layout). Otherwise candidate routes are tried: the straight one with its vertical run
//! moved to another gap, and routes that leave sideways, run along a free horizontal channel
//! above or below the cards in the way, and come back. Candidates are made from the edges of
//! the cards found in the way, a few rounds at most, and the shortest free one wins, each bend
//! counting as [`BEND`] units of length. The work grows with the cards in the way, not with the
//! model, so a drag that re-routes every connector stays cheap.

use super::route::midway;
use crate::model::{Point, Rect};

/// What a bend costs, in scene units of length: paths with fewer turns read better.
const BEND: f32 = 60.0;
/// Clearance kept from a card's edge.
const CLEARANCE: f32 = 12.0;
/// Rounds of taking in the cards that block the candidates.
const ROUNDS: usize = 2;
/// A route with more cards in its way than this keeps the straight line: across a dense model a
/// detour would be long and hard to follow anyway, and the search must stay cheap (a drag
/// re-routes every connector, every frame).
const MAX_IN_THE_WAY: usize = 6;
/// How many of the cheapest blocked candidates add the cards in their way to the next round.
const LEARN_FROM: usize = 4;
/// Side of the buckets cards are filed in, to find those near a segment quickly.
const BUCKET: f32 = 512.0;

/// The cards of a scene, filed by area.
pub(super) struct Obstacles {
    rects: Vec<Rect>,
    buckets: rustc_hash::FxHashMap<(i32, i32), Vec<usize>>,
}

impl Obstacles {
    pub fn new(rects: Vec<Rect>) -> Self {
        let mut buckets: rustc_hash::FxHashMap<(i32, i32), Vec<usize>> = Default::default();
        for (i, r) in rects.iter().enumerate() {
            let (x0, y0, x1, y1) = cells(*r);
            for x in x0..=x1 {
                for y in y0..=y1 {
                    buckets.entry((x, y)).or_default().push(i);
                }
            }
        }
        Obstacles { rects, buckets }
    }

    /// Calls `visit` with the cards filed where `area` lies (a card may come more than once)
    /// until it returns `true`; returns whether it did.
    fn visit_near(&self, area: Rect, mut visit: impl FnMut(usize) -> bool) -> bool {
        let (x0, y0, x1, y1) = cells(area);
        // A huge area (a connector across a 20,000-table model) is not walked cell by cell.
        // In i64: cells of far-flung cards saturate at the ends of i32.
        let span = |a: i32, b: i32| i64::from(b) - i64::from(a) + 1;
        if span(x0, x1).saturating_mul(span(y0, y1)) > self.buckets.len() as i64 {
            return (0..self.rects.len()).any(visit);
        }
        for x in x0..=x1 {
            for y in y0..=y1 {
                if let Some(list) = self.buckets.get(&(x, y))
                    && list.iter().any(|i| visit(*i))
                {
                    return true;
                }
            }
        }
        false
    }

    /// Whether the polyline crosses the inside of any card (see [`Self::blockers`] for the two
    /// it joins, `ends`).
    pub fn blocks(&self, points: &[Point], ends: [usize; 2]) -> bool {
        !self.blockers(points, ends, true).is_empty()
    }

    /// The cards whose inside the polyline crosses (only the first found when `first`). The
    /// first segment may touch the card it leaves (`ends[0]`) and the last the card it enters
    /// (`ends[1]`); the segments between must keep clear of both.
    fn blockers(&self, points: &[Point], ends: [usize; 2], first: bool) -> Vec<usize> {
        let mut found = Vec::new();
        let last = points.len().saturating_sub(2);
        for (k, pair) in points.windows(2).enumerate() {
            let (a, b) = (pair[0], pair[1]);
            let own = |i: usize| (k == 0 && i == ends[0]) || (k == last && i == ends[1]);
            let stopped = self.visit_near(segment_area(a, b), |i| {
                if !own(i) && crosses(self.rects[i], a, b) {
                    found.push(i);
                    return first;
                }
                false
            });
            if stopped {
                return found;
            }
        }
        found.sort_unstable();
        found.dedup();
        found
    }

    /// A path from `start` (on the edge of card `ends[0]`, leaving it along x in the direction
    /// of `start_dir`) to `end` (on card `ends[1]`, whose outside is in the direction of
    /// `end_dir`) that crosses no card; `None` when the candidates all do.
    pub fn detour(
        &self,
        (start, start_dir): (Point, f32),
        (end, end_dir): (Point, f32),
        ends: [usize; 2],
        stub: f32,
    ) -> Option<Vec<Point>> {
        let first_x = start.x + start_dir * stub;
        let last_x = end.x + end_dir * stub;
        let mut relevant: Vec<usize> = ends.to_vec();
        let straight = [
            start,
            Point::new(first_x, start.y),
            Point::new(last_x, end.y),
            end,
        ];
        relevant.extend(
            self.blockers(&straight, ends, false)
                .into_iter()
                .take(MAX_IN_THE_WAY + 1),
        );
        for _ in 0..ROUNDS {
            if relevant.len() > MAX_IN_THE_WAY + 2 {
                return None;
            }
            let mut xs = vec![midway(first_x, last_x)];
            let mut ys = Vec::new();
            for r in relevant.iter().map(|i| self.rects[*i]) {
                xs.extend([r.x - CLEARANCE, r.x + r.width + CLEARANCE]);
                ys.extend([r.y - CLEARANCE, r.y + r.height + CLEARANCE]);
            }
            let mut candidates: Vec<Vec<Point>> = Vec::new();
            // The vertical run in another gap: only where both ends still leave sideways.
            for x in xs {
                if (x - start.x) * start_dir >= stub && (x - end.x) * end_dir >= stub {
                    candidates.push(vec![
                        start,
                        Point::new(x, start.y),
                        Point::new(x, end.y),
                        end,
                    ]);
                }
            }
            // Out to the side, along a channel above or below, and back.
            for y in ys {
                candidates.push(vec![
                    start,
                    Point::new(first_x, start.y),
                    Point::new(first_x, y),
                    Point::new(last_x, y),
                    Point::new(last_x, end.y),
                    end,
                ]);
            }
            // Cheapest first: the first free one is the answer. The cards in the way of the
            // cheapest few are taken in for the next round.
            let mut candidates: Vec<(f32, Vec<Point>)> = candidates
                .into_iter()
                .map(|c| {
                    let c = simplify(c);
                    (cost(&c), c)
                })
                .collect();
            candidates.sort_by(|a, b| a.0.total_cmp(&b.0));
            let mut in_the_way = Vec::new();
            for (rank, (_, candidate)) in candidates.into_iter().enumerate() {
                let blockers = self.blockers(&candidate, ends, rank >= LEARN_FROM);
                if blockers.is_empty() {
                    return Some(candidate);
                }
                if rank < LEARN_FROM {
                    in_the_way.extend(blockers);
                }
            }
            let before = relevant.len();
            relevant.extend(in_the_way);
            relevant.sort_unstable();
            relevant.dedup();
            if relevant.len() == before {
                return None;
            }
        }
        None
    }
}

/// Length plus a price per bend.
fn cost(points: &[Point]) -> f32 {
    let length: f32 = points
        .windows(2)
        .map(|w| (w[0].x - w[1].x).abs() + (w[0].y - w[1].y).abs())
        .sum();
    length + BEND * points.len().saturating_sub(2) as f32
}

fn cells(r: Rect) -> (i32, i32, i32, i32) {
    let cell = |v: f32| (v / BUCKET).floor() as i32;
    (
        cell(r.x),
        cell(r.y),
        cell(r.x + r.width),
        cell(r.y + r.height),
    )
}

fn segment_area(a: Point, b: Point) -> Rect {
    Rect {
        x: a.x.min(b.x),
        y: a.y.min(b.y),
        width: (a.x - b.x).abs(),
        height: (a.y - b.y).abs(),
    }
}

/// Whether an axis-parallel segment passes through the inside of `r` (touching an edge is not
/// crossing).
fn crosses(r: Rect, a: Point, b: Point) -> bool {
    let (left, right, top, bottom) = (r.x, r.x + r.width, r.y, r.y + r.height);
    if a.y == b.y {
        let (x0, x1) = (a.x.min(b.x), a.x.max(b.x));
        a.y > top && a.y < bottom && x1 > left && x0 < right
    } else {
        let (y0, y1) = (a.y.min(b.y), a.y.max(b.y));
        a.x > left && a.x < right && y1 > top && y0 < bottom
    }
}

/// Drops points in the middle of straight runs.
fn simplify(points: Vec<Point>) -> Vec<Point> {
    let mut out: Vec<Point> = Vec::with_capacity(points.len());
    for p in points {
        if out.last() == Some(&p) {
            continue;
        }
        if out.len() >= 2 {
            let (a, b) = (out[out.len() - 2], out[out.len() - 1]);
            if (a.x == b.x && b.x == p.x) || (a.y == b.y && b.y == p.y) {
                out.pop();
            }
        }
        out.push(p);
    }
    out
}
