#include <cassert>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>

#include "meshkit/io.hpp"

using namespace meshkit;

static void test_ply_ascii() {
    const char* path = "test_ascii.ply";
    std::ofstream(path) << "ply\nformat ascii 1.0\nelement vertex 3\nproperty float x\nproperty float y\n"
                           "property float z\nelement face 1\nproperty list uchar int vertex_indices\nend_header\n"
                           "0 0 0\n1 0 0\n0 1 0\n3 0 1 2\n";
    Mesh m = io::read_ply(path);
    assert(m.num_vertices() == 3 && m.num_faces() == 1);
    std::remove(path);
}

static void test_stl_binary_with_solid_header() {
    std::string buf(84 + 50, '\0');
    buf.replace(0, 11, "solid PART1");
    uint32_t n = 1;
    std::memcpy(&buf[80], &n, 4);
    assert(!io::detail::is_ascii_stl(buf.data(), buf.size()));
}

static void test_stl_ascii() {
    const std::string s = "solid t\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0 0\nvertex 0 1 0\n"
                          "endloop\nendfacet\nendsolid t\n";
    assert(io::detail::is_ascii_stl(s.data(), s.size()));
}

static void test_obj_relative_indices() {
    const char* path = "test_rel.obj";
    std::ofstream(path) << "v 0 0 0\nv 1 0 0\nv 0 1 0\nf -3 -2 -1\n";
    Mesh m = io::read_obj(path);
    assert(m.num_faces() == 1 && m.faces()[0][0] == 0 && m.faces()[0][2] == 2);
    std::remove(path);
}

void run_io_tests() {
    test_ply_ascii();
    test_stl_binary_with_solid_header();
    test_stl_ascii();
    test_obj_relative_indices();
    std::puts("io tests passed");
}
