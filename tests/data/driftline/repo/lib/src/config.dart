import 'sync/backoff.dart';

enum LogLevel { quiet, info, verbose }

/// Options for a [SyncEngine].
class DriftlineConfig {
  const DriftlineConfig({
    required this.baseUrl,
    this.batchSize = 200,
    this.requestTimeout = const Duration(seconds: 30),
    this.pullInterval = const Duration(seconds: 60),
    this.backoff = const BackoffPolicy(),
    this.logLevel = LogLevel.info,
    this.isolate = false,
    this.onPush,
  });

  final Uri baseUrl;

  /// Maximum number of ops sent in one push request.
  final int batchSize;
  final Duration requestTimeout;
  final Duration pullInterval;
  final BackoffPolicy backoff;
  final LogLevel logLevel;
  final bool isolate;

  /// Telemetry hook, called after each push with the number of ops sent.
  final void Function(int count)? onPush;

  DriftlineConfig copyWith({
    Uri? baseUrl,
    int? batchSize,
    Duration? requestTimeout,
    Duration? pullInterval,
    BackoffPolicy? backoff,
    LogLevel? logLevel,
    bool? isolate,
    void Function(int count)? onPush,
  }) {
    return DriftlineConfig(
      baseUrl: baseUrl ?? this.baseUrl,
      requestTimeout: requestTimeout ?? this.requestTimeout,
      pullInterval: pullInterval ?? this.pullInterval,
      backoff: backoff ?? this.backoff,
      logLevel: logLevel ?? this.logLevel,
      isolate: isolate ?? this.isolate,
      onPush: onPush ?? this.onPush,
    );
  }
}
