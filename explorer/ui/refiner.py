"""Runs `explorer refine` in a process of its own after imports: the statistical model reads the
briefings again while the window stays responsive (spaCy holds the GIL for long stretches), and the
window refreshes as batches land, through the same watch that notices any other process's writes."""

from __future__ import annotations

import re

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, Signal

from explorer.config import program_command

_PROGRESS = re.compile(r"refined (\d+) of (\d+)")


class Refiner(QObject):
    progress = Signal(int, int)  # briefings refined, of how many
    finished = Signal(bool)  # True when it ran to the end
    failed = Signal(str)  # the last line the process wrote to stderr, for the status bar

    def __init__(self, location: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._location = location
        self._process: QProcess | None = None
        self._again = False

    def is_running(self) -> bool:
        return self._process is not None

    def start(self) -> None:
        """Refine what is unrefined; if a refinement runs already, run once more when it ends."""
        if self._process is not None:
            self._again = True
            return
        process = QProcess(self)
        environment = QProcessEnvironment.systemEnvironment()
        environment.insert("PYTHONUNBUFFERED", "1")
        # Through the environment, not the arguments: a team workspace's URL may hold a password,
        # and every user of the machine can read a process's arguments.
        environment.insert("EXPLORER_DB", self._location)
        process.setProcessEnvironment(environment)
        program, *arguments = program_command("refine")
        process.setProgram(program)
        process.setArguments(arguments)
        process.readyReadStandardOutput.connect(self._read)
        process.finished.connect(self._done)
        process.errorOccurred.connect(self._error)
        self._process = process
        process.start()

    def stop(self) -> None:
        """Stop now; the batches already written stay, and the next start takes up the rest."""
        self._again = False
        process = self._process
        if process is not None:
            process.kill()
            process.waitForFinished(5000)

    def _read(self) -> None:
        process = self._process
        while process is not None and process.canReadLine():  # whole lines only: a line may come in parts
            line = bytes(process.readLine()).decode("utf-8", "replace").strip()
            found = _PROGRESS.match(line)
            if found:
                self.progress.emit(int(found.group(1)), int(found.group(2)))

    def _error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:  # no finished signal follows this one
            self._done(-1, QProcess.ExitStatus.CrashExit)

    def _done(self, code: int, status: QProcess.ExitStatus) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        completed = status == QProcess.ExitStatus.NormalExit and code == 0
        if not completed:
            errors = bytes(process.readAllStandardError()).decode("utf-8", "replace").strip().splitlines()
            self.failed.emit(errors[-1] if errors else f"refinement stopped (exit code {code})")
            self._again = False
        process.deleteLater()
        self.finished.emit(completed)
        if self._again and completed:
            self._again = False
            self.start()
