import 'dart:async';

import 'package:flutter/widgets.dart';

import '../sync/engine.dart';
import '../sync/status.dart';

typedef SyncStatusWidgetBuilder = Widget Function(BuildContext context, SyncStatus status);

/// Rebuilds when the engine's [SyncStatus] changes.
class SyncStatusBuilder extends StatefulWidget {
  const SyncStatusBuilder({
    super.key,
    required this.engine,
    required this.builder,
    this.offlineBuilder,
    this.buildWhen,
  });

  final SyncEngine engine;
  final SyncStatusWidgetBuilder builder;

  /// Used instead of [builder] while offline (1.2).
  final WidgetBuilder? offlineBuilder;
  final bool Function(SyncStatus previous, SyncStatus next)? buildWhen;

  @override
  State<SyncStatusBuilder> createState() => _SyncStatusBuilderState();
}

class _SyncStatusBuilderState extends State<SyncStatusBuilder> {
  StreamSubscription<SyncStatus>? _sub;
  late SyncStatus _status;

  @override
  void initState() {
    super.initState();
    _subscribe();
  }

  void _subscribe() {
    _status = widget.engine.currentStatus;
    _sub = widget.engine.status.listen((next) {
      final when = widget.buildWhen;
      if (when != null && !when(_status, next)) {
        _status = next;
        return;
      }
      setState(() => _status = next);
    });
  }

  @override
  void dispose() {
    _sub?.cancel();
    super.dispose();
  }

  @override
  Widget build(BuildContext context) {
    final offline = widget.offlineBuilder;
    if (offline != null && _status.phase == SyncPhase.offline) {
      return offline(context);
    }
    return widget.builder(context, _status);
  }
}
