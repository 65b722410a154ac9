// Native recursive file watcher (inotify on Linux, FSEvents on macOS,
// ReadDirectoryChangesW on Windows). Emits (kind, path) with kind in
// {"create", "change", "rename"}. Platform backends elided in this snapshot.
#include <node_api.h>

namespace vessel {

napi_value Watch(napi_env env, napi_callback_info info) {
  // watch(root: string, callback: (kind, path) => void) -> { close() }
  napi_value handle;
  napi_create_object(env, &handle);
  return handle;
}

napi_value Init(napi_env env, napi_value exports) {
  napi_value fn;
  napi_create_function(env, "watch", NAPI_AUTO_LENGTH, Watch, nullptr, &fn);
  napi_set_named_property(env, exports, "watch", fn);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, Init)

}  // namespace vessel
