// Mesh booleans: exact orient3d + co-refinement + winding-number classification.
#include "meshkit/algorithms.hpp"

#include <stdexcept>
#include <string>

namespace meshkit {
inline namespace v1 {
namespace {

void require_closed(const Mesh& m) {
    auto boundary = m.boundary_edges();
    if (!boundary.empty())
        throw std::runtime_error("boolean: input mesh is not closed (" + std::to_string(boundary.size()) +
                                 " boundary edges)");
}

} // namespace

namespace detail {
// Implemented in corefine.cpp (not part of this snapshot). Throws
// "boolean: co-refinement failed: inconsistent intersection polyline at triangle N".
Mesh corefine_and_classify(const Mesh& a, const Mesh& b, BooleanOp op);
} // namespace detail

Mesh boolean(const Mesh& a, const Mesh& b, BooleanOp op) {
    require_closed(a);
    require_closed(b);
    return detail::corefine_and_classify(a, b, op);
}

} // namespace v1
} // namespace meshkit
