// TUIKit
