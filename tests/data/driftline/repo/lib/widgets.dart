/// Flutter widgets for driftline.
library driftline_widgets;

export 'src/widgets/sync_status_builder.dart';
