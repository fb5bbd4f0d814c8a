#include "Error.h"

namespace onramp {

int exitCodeFor(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::None:
        return 0;
    case ErrorKind::Io:
        return 1;
    case ErrorKind::Usage:
        return 2;
    case ErrorKind::Auth:
        return 3;
    case ErrorKind::NotPermitted:
        return 4;
    case ErrorKind::InvalidInput:
        return 5;
    case ErrorKind::Damaged:
        return 6;
    case ErrorKind::Busy:
        return 7;
    }
    return 1;
}

} // namespace onramp
