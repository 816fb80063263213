; Inno Setup 6 script for kiwoom-ticket on Windows. Use a recent 6.x (x64compatible needs 6.3+)
; whose Languages folder has Korean.isl; with an older one, copy Korean.isl there from the
; Inno Setup translations page first.
; First build the app folder on Windows:  py packaging\build.py --no-archive
; then compile this script (build.py does it when ISCC.exe is found):
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\windows\kiwoom-ticket.iss
; Output: dist\kiwoom-ticket-<version>-windows-setup.exe
;
; Installs per user by default (no administrator rights); the first page offers all users.
; Uninstalling removes the program only: the order journal and settings under %LOCALAPPDATA%
; and the keys in Windows Credential Manager stay, so a reinstall keeps the order history.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define AppName "Kiwoom Ticket"
#define AppExe "kiwoom-ticket.exe"
#define Root "..\.."

[Setup]
; AppId identifies the install for upgrades and the uninstaller: never change it.
AppId={{B515F8A1-D70F-4D60-B76E-B6A571B7C243}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=kiwoom-ticket contributors
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0.17763
SetupIconFile={#Root}\resources\icons\kiwoom-ticket.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputDir={#Root}\dist
OutputBaseFilename=kiwoom-ticket-{#AppVersion}-windows-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "korean"; MessagesFile: "compiler:Languages\Korean.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#Root}\dist\kiwoom-ticket\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; AppUserModelID: "KiwoomTicket.KiwoomTicket"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; AppUserModelID: "KiwoomTicket.KiwoomTicket"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; PyInstaller's folder only; user data lives outside {app} and is kept on purpose.
Type: filesandordirs; Name: "{app}\_internal"
