// Minimal C++ wrapper around the ember C API.
//
//   cmake -S . -B build -DCMAKE_PREFIX_PATH=/path/to/ember/install && cmake --build build
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "ember.h"

namespace ember {

class Error : public std::runtime_error {
public:
    Error(int code, const char *msg) : std::runtime_error(msg ? msg : "unknown error"), code_(code) {}
    int code() const noexcept { return code_; }

private:
    int code_;
};

class Db {
public:
    explicit Db(const std::string &path, int sync = EMBER_SYNC_NONE) {
        ember_options_t *opts = ember_options_new();
        ember_options_set_sync(opts, sync);
        int rc = ember_open(path.c_str(), opts, &db_);
        ember_options_free(opts);
        if (rc != EMBER_OK) {
            throw Error(rc, ember_last_error());
        }
    }
    ~Db() { ember_close(db_); }
    Db(const Db &) = delete;
    Db &operator=(const Db &) = delete;

    void put(std::string_view key, std::string_view val) {
        check(ember_put(db_, bytes(key), key.size(), bytes(val), val.size()));
    }

    std::optional<std::string> get(std::string_view key) {
        uint8_t *val = nullptr;
        size_t len = 0;
        int rc = ember_get(db_, bytes(key), key.size(), &val, &len);
        if (rc == EMBER_ERR_NOT_FOUND) {
            return std::nullopt;
        }
        check(rc);
        std::string out(reinterpret_cast<char *>(val), len);
        ember_free(val);
        return out;
    }

    template <typename F> void for_each(F &&f) {
        std::unique_ptr<ember_iter_t, decltype(&ember_iter_free)> it(ember_iter_new(db_), &ember_iter_free);
        for (ember_iter_seek_to_first(it.get()); ember_iter_valid(it.get()); ember_iter_next(it.get())) {
            size_t kl = 0, vl = 0;
            const uint8_t *k = ember_iter_key(it.get(), &kl);
            const uint8_t *v = ember_iter_value(it.get(), &vl);
            f(std::string_view(reinterpret_cast<const char *>(k), kl),
              std::string_view(reinterpret_cast<const char *>(v), vl));
        }
    }

private:
    static const uint8_t *bytes(std::string_view s) { return reinterpret_cast<const uint8_t *>(s.data()); }
    static void check(int rc) {
        if (rc != EMBER_OK) {
            throw Error(rc, ember_last_error());
        }
    }
    ember_db_t *db_ = nullptr;
};

} // namespace ember

int main(int argc, char **argv) {
    try {
        ember::Db db(argc > 1 ? argv[1] : "ember-example.db", EMBER_SYNC_FULL);
        db.put("greeting", "hello from C++");
        db.put("version", ember_version());
        db.for_each([](std::string_view k, std::string_view v) { std::cout << k << " = " << v << "\n"; });
        if (auto v = db.get("greeting")) {
            std::cout << "get(greeting) -> " << *v << "\n";
        }
    } catch (const ember::Error &e) {
        std::cerr << "ember error " << e.code() << ": " << e.what() << "\n";
        return EXIT_FAILURE;
    }
    return EXIT_SUCCESS;
}
