#include "AppInfo.h"

#include "OnrampVersion.h"

namespace onramp::ui {

QString AppInfo::version() const
{
    return QStringLiteral(ONRAMP_VERSION_STRING);
}

} // namespace onramp::ui
