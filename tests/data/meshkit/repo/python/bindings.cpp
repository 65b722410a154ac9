// pybind11 bindings: the `meshkit._meshkit` extension module.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "meshkit/algorithms.hpp"
#include "meshkit/bvh.hpp"
#include "meshkit/io.hpp"
#include "meshkit/mesh.hpp"

namespace py = pybind11;
using namespace meshkit;

namespace {

Mesh mesh_from_numpy(py::array_t<double, py::array::c_style | py::array::forcecast> V, py::array F) {
    if (V.ndim() != 2 || V.shape(1) != 3) throw std::runtime_error("vertices must be a (N, 3) float array");
    if (F.ndim() != 2 || F.shape(1) != 3 || !py::isinstance<py::array_t<int32_t>>(F))
        throw std::runtime_error("faces must be a (N, 3) int32 array");
    auto f = py::array_t<int32_t, py::array::c_style>::ensure(F);
    std::vector<Vec3d> verts(size_t(V.shape(0)));
    auto v = V.unchecked<2>();
    for (py::ssize_t i = 0; i < V.shape(0); ++i) verts[size_t(i)] = {v(i, 0), v(i, 1), v(i, 2)};
    std::vector<Face> faces(size_t(f.shape(0)));
    auto fu = f.unchecked<2>();
    for (py::ssize_t i = 0; i < f.shape(0); ++i)
        faces[size_t(i)] = {uint32_t(fu(i, 0)), uint32_t(fu(i, 1)), uint32_t(fu(i, 2))};
    return Mesh(std::move(verts), std::move(faces));
}

// Returns a copy (see the discussion about views vs copies).
py::array_t<double> vertices_array(const Mesh& m) {
    py::array_t<double> out({py::ssize_t(m.num_vertices()), py::ssize_t(3)});
    auto o = out.mutable_unchecked<2>();
    for (size_t i = 0; i < m.num_vertices(); ++i) {
        o(i, 0) = m.vertices()[i].x;
        o(i, 1) = m.vertices()[i].y;
        o(i, 2) = m.vertices()[i].z;
    }
    return out;
}

py::array_t<int32_t> faces_array(const Mesh& m) {
    py::array_t<int32_t> out({py::ssize_t(m.num_faces()), py::ssize_t(3)});
    auto o = out.mutable_unchecked<2>();
    for (size_t i = 0; i < m.num_faces(); ++i)
        for (int k = 0; k < 3; ++k) o(i, k) = int32_t(m.faces()[i][k]);
    return out;
}

BooleanOp parse_op(const std::string& op) {
    if (op == "union") return BooleanOp::Union;
    if (op == "difference") return BooleanOp::Difference;
    if (op == "intersection") return BooleanOp::Intersection;
    throw py::value_error("unknown boolean operation '" + op + "'");
}

} // namespace

PYBIND11_MODULE(_meshkit, m) {
    m.doc() = "meshkit: triangle mesh processing";

    py::class_<Mesh>(m, "Mesh")
        .def(py::init<>())
        .def(py::init(&mesh_from_numpy), py::arg("vertices"), py::arg("faces"))
        .def_property_readonly("vertices", &vertices_array)
        .def_property_readonly("faces", &faces_array)
        .def("boundary_edges", &Mesh::boundary_edges)
        .def("vertex_normals", [](Mesh& self) {
            compute_vertex_normals(self);
            std::vector<std::array<double, 3>> out;
            for (const Vec3d& n : self.vertex_normals()) out.push_back({n.x, n.y, n.z});
            return out;
        })
        .def("face_normals", [](const Mesh& self) {
            std::vector<std::array<double, 3>> out;
            const auto& V = self.vertices();
            for (const Face& f : self.faces()) {
                Vec3d n = face_normal(V[f[0]], V[f[1]], V[f[2]]);
                out.push_back({n.x, n.y, n.z});
            }
            return out;
        })
        .def("__len__", &Mesh::num_faces);

    py::class_<BVH>(m, "BVH")
        .def(py::init<const Mesh&>(), py::arg("mesh"))
        .def("intersect",
             [](const BVH& self, py::array_t<double> origins, py::array_t<double> directions) {
                 auto o = origins.unchecked<2>();
                 auto d = directions.unchecked<2>();
                 py::array_t<int64_t> faces(o.shape(0));
                 py::array_t<double> ts(o.shape(0));
                 auto fo = faces.mutable_unchecked<1>();
                 auto to = ts.mutable_unchecked<1>();
                 py::gil_scoped_release release;
                 for (py::ssize_t i = 0; i < o.shape(0); ++i) {
                     Ray r{{o(i, 0), o(i, 1), o(i, 2)}, {d(i, 0), d(i, 1), d(i, 2)}};
                     Hit h = self.intersect(r);
                     fo(i) = h.face;
                     to(i) = h.t;
                 }
                 py::gil_scoped_acquire acquire;
                 return py::make_tuple(faces, ts);
             })
        .def("closest_point", [](const BVH& self, std::array<double, 3> p) {
            int64_t face = -1;
            Vec3d q = self.closest_point({p[0], p[1], p[2]}, &face);
            return py::make_tuple(std::array<double, 3>{q.x, q.y, q.z}, face);
        });

    m.def("load", [](const std::filesystem::path& p) { return io::load(p); }, py::arg("path"));
    m.def("save", [](const std::filesystem::path& p, const Mesh& mesh) { io::save(p, mesh); },
          py::arg("path"), py::arg("mesh"));
    m.def("merge_close_vertices", &merge_close_vertices, py::arg("mesh"), py::arg("tol"));
    m.def(
        "decimate",
        [](const Mesh& mesh, size_t target_faces, bool preserve_boundary) {
            py::gil_scoped_release release;
            return decimate(mesh, DecimateOptions{target_faces, preserve_boundary});
        },
        py::arg("mesh"), py::arg("target_faces"), py::arg("preserve_boundary") = false);
    m.def(
        "boolean", [](const Mesh& a, const Mesh& b, const std::string& op) { return boolean(a, b, parse_op(op)); },
        py::arg("a"), py::arg("b"), py::arg("op"));

    auto rm = m.def_submodule("remesh");
    rm.def(
        "isotropic",
        [](const Mesh& mesh, double target_edge_length, int iterations) {
            py::gil_scoped_release release;
            remesh::RemeshOptions opts;
            opts.iterations = iterations;
            return remesh::isotropic(mesh, target_edge_length, opts);
        },
        py::arg("mesh"), py::arg("target_edge_length"), py::arg("iterations") = 5);
}
