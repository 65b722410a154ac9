module Lensql.Syntax
  ( Dialect (..)
  , Statement (..)
  , Expr (..)
  , FromItem (..)
  , JoinKind (..)
  , JoinCond (..)
  , SelectItem (..)
  ) where

data Dialect = Postgres | Sqlite
  deriving (Eq, Show)

data Statement
  = Select [SelectItem] [FromItem] (Maybe Expr)
  | Insert String [String] [[Expr]] [SelectItem]   -- ^ last field: RETURNING list
  | Update String [(String, Expr)] (Maybe Expr)
  | Delete String [FromItem] (Maybe Expr)          -- ^ USING tables, WHERE
  deriving (Eq, Show)

data SelectItem = Star | QualifiedStar String | SelectExpr Expr (Maybe String)
  deriving (Eq, Show)

data JoinKind = InnerJoin | LeftJoin | RightJoin | FullJoin | CrossJoin
  deriving (Eq, Show)

data JoinCond = On Expr | Using [String] | Natural
  deriving (Eq, Show)

data FromItem
  = FromTable String (Maybe String)
  | FromJoin JoinKind FromItem FromItem JoinCond
  deriving (Eq, Show)

data Expr
  = ColumnRef (Maybe String) String
  | IntLit Integer
  | StrLit String
  | NullLit
  | Param Int
  | BinOp String Expr Expr
  | Like Bool Expr Expr (Maybe Expr)   -- ^ negated, subject, pattern, escape
  | FunCall String [Expr]
  | CountStar
  | Cast Expr String
  | IsNull Bool Expr
  deriving (Eq, Show)
