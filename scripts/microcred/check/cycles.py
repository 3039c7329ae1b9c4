"""Cycles in the stacking graph, in time linear in its size.

A credential is on a stacking cycle when it lies in a strongly connected component of more than
one credential; an entry `u -> v` of its `stacks_into` closes a cycle exactly when `v` is in the
same component. Components come from one iterative Tarjan pass (no recursion, so a 10,000-long
chain is fine), started lazily from the credentials a rule asks about: checking one changed file
reads only the files reachable from it, and checking the whole catalogue visits every credential
and every edge once, however the checks are ordered.

A cycle is shown through two breadth-first trees per component, rooted at its first id: one
leading every member to the root, one leading the root to every member. The chain of `u -> v`
is `u -> v -> ... -> root -> ... -> u`, with repeated credentials cut out when it is short; a
long one is shown by its ends, so each entry's message costs O(1), not the cycle's length.
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Callable

# Longest chain shown in full (in links); a longer one shows its first and last few credentials.
SHOWN_LINKS = 12
SHOWN_ENDS = 5


class StackingGraph:
    def __init__(self, targets: Callable[[str], list[str]]):
        self._targets = targets  # global id -> the credential ids it stacks into (read once each)
        self._edges: dict[str, list[str]] = {}
        self._order: dict[str, int] = {}
        self._low: dict[str, int] = {}
        self._stack: list[str] = []
        self._on_stack: set[str] = set()
        self._component: dict[str, int] = {}
        self._members: list[list[str]] = []
        self._trees: dict[int, _Trees] = {}

    def edges(self, node: str) -> list[str]:
        if node not in self._edges:
            # A self-loop is the no-self-stacking rule's to report; repeats add nothing.
            self._edges[node] = [t for t in dict.fromkeys(self._targets(node)) if t != node]
        return self._edges[node]

    def component(self, node: str) -> int:
        if node not in self._component:
            self._visit(node)
        return self._component[node]

    def on_cycle(self, node: str) -> bool:
        return len(self._members[self.component(node)]) > 1

    def _visit(self, start: str) -> None:
        """Tarjan's algorithm from `start`, with an explicit stack of (node, its edges' iterator)."""
        order, low, stack, on_stack = self._order, self._low, self._stack, self._on_stack

        def enter(node):
            order[node] = low[node] = len(order)
            stack.append(node)
            on_stack.add(node)
            return node, iter(self.edges(node))

        work = [enter(start)]
        while work:
            node, successors = work[-1]
            for nxt in successors:
                if nxt not in order:
                    work.append(enter(nxt))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], order[nxt])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == order[node]:
                    members = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        self._component[member] = len(self._members)
                        members.append(member)
                        if member == node:
                            break
                    self._members.append(members)

    def _trees_of(self, comp: int) -> "_Trees":
        if comp not in self._trees:
            members = self._members[comp]
            inside = set(members)
            predecessors: dict[str, list[str]] = {m: [] for m in members}
            for m in members:
                for t in self.edges(m):
                    if t in inside:
                        predecessors[t].append(m)
            root = min(members)
            self._trees[comp] = _Trees(root, _Tree(root, lambda n: predecessors[n]),
                                       _Tree(root, lambda n: [t for t in self.edges(n) if t in inside]))
        return self._trees[comp]

    def cycle_through(self, u: str, v: str) -> tuple[list[str | None], int] | None:
        """The chain `u -> v -> ... -> u` when the link `u -> v` closes a cycle, else None.

        Returns the ids to show (`None` where a long chain is cut) and the chain's number of
        links (0 when it is shown whole). The chain is u, then v's path to the root, then the
        root's path to u; each part is read from its ends only, so this is O(1) in its length.
        """
        if u == v or not self.on_cycle(u) or self.component(v) != self.component(u):
            return None
        trees = self._trees_of(self.component(u))
        to_root, from_root = trees.to_root, trees.from_root
        links = 1 + to_root.depth[v] + from_root.depth[u]
        if links <= SHOWN_LINKS:
            walk = [u, *to_root.path_up(v), *reversed(from_root.path_up(u)[:-1])]
            return _without_detours(walk), 0
        k = SHOWN_ENDS
        head = [u, *to_root.path_up(v, k)]
        if head[-1] == trees.root:  # v is near the root: go on down the root's path to u
            head += list(reversed(from_root.path_up(from_root.near_root[u], k)))[1:]
        tail = list(reversed(from_root.path_up(u, k)))
        if tail[0] == trees.root:  # u is near the root: the chain's end is v's way into it
            tail = to_root.path_up(to_root.near_root[v], k)[:-1] + tail
        return [*head[:k + 1], None, *tail[-(k + 1):]], links


@dataclass
class _Trees:
    root: str
    to_root: "_Tree"  # each member's first step towards the root
    from_root: "_Tree"  # each member's step before it on the way from the root


class _Tree:
    """A breadth-first tree over a component, read from any node up to its root."""

    def __init__(self, root: str, neighbours):
        self.up: dict[str, str] = {}
        self.depth = {root: 0}
        queue = deque([root])
        while queue:
            node = queue.popleft()
            for nxt in neighbours(node):
                if nxt not in self.depth:
                    self.depth[nxt] = self.depth[node] + 1
                    self.up[nxt] = node
                    queue.append(nxt)
        # Each node's ancestor at depth SHOWN_ENDS (or itself, when nearer): where the last few
        # steps of its way up begin. In breadth-first order, a node's parent is done before it.
        self.near_root: dict[str, str] = {}
        for node, depth in self.depth.items():
            self.near_root[node] = node if depth <= SHOWN_ENDS else self.near_root[self.up[node]]

    def path_up(self, start: str, at_most: int | None = None) -> list[str]:
        """`start` and the nodes above it, up to the root, at most `at_most` + 1 of them."""
        path = [start]
        while path[-1] in self.up and (at_most is None or len(path) <= at_most):
            path.append(self.up[path[-1]])
        return path


def _without_detours(walk: list[str]) -> list[str]:
    """A closed walk `u -> v -> ... -> u` as a simple cycle through its first link."""
    start, out, where = walk[0], [walk[0]], {walk[0]: 0}
    for node in walk[1:]:
        if node == start:
            out.append(node)
            break
        if node in where:  # a detour: drop the loop back to the node's first visit
            for dropped in out[where[node] + 1:]:
                del where[dropped]
            del out[where[node] + 1:]
        else:
            where[node] = len(out)
            out.append(node)
    return out
