#pragma once

class QQmlEngine;

namespace onramp::ui {

/// Makes \a engine fetch nothing over the network: the app's QML comes from
/// its resources, and an image a person's text names (an <img> in a note
/// shown as rich text by mistake) must not tell its author who read it and
/// when. Call before the engine loads anything.
void keepOffline(QQmlEngine& engine);

} // namespace onramp::ui
