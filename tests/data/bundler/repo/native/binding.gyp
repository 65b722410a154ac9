{
  "targets": [
    {
      "target_name": "vessel_watcher",
      "sources": ["watcher.cc"],
      "cflags_cc": ["-std=c++17"],
      "conditions": [
        ["OS=='mac'", {"link_settings": {"libraries": ["-framework CoreServices"]}}]
      ]
    }
  ]
}
