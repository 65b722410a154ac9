#include <cassert>
#include <cstdio>

#include "meshkit/bvh.hpp"

using namespace meshkit;

void run_io_tests();

static Mesh quad() {
    return Mesh({{0, 0, 0}, {1, 0, 0}, {1, 1, 0}, {0, 1, 0}}, {{0, 1, 2}, {0, 2, 3}});
}

static void test_interior_hit() {
    Mesh m = quad();
    BVH bvh(m);
    Hit h = bvh.intersect(Ray{{0.75, 0.25, 1.0}, {0, 0, -1}});
    assert(h.face == 0);
}

static void test_empty_mesh_intersect() {
    Mesh m;
    BVH bvh(m);
    assert(bvh.empty());
    assert(bvh.intersect(Ray{{0, 0, 1}, {0, 0, -1}}).face == -1);
}

int main() {
    run_io_tests();
    test_interior_hit();
    test_empty_mesh_intersect();
    std::puts("bvh tests passed");
    return 0;
}
