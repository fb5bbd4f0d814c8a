// The reference for a headless command's start: a Qt Core-only program that
// creates its application object, prints one line and exits.
#include <QCoreApplication>

#include <cstdio>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    std::printf("hello %s\n", qVersion());
    return 0;
}
