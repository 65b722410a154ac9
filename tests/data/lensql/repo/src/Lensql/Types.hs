module Lensql.Types
  ( SqlType (..)
  , HsType (..)
  , Column (..)
  , Table (..)
  , Schema
  , LensqlError (..)
  , renderError
  , mapSqlType
  ) where

import qualified Data.Map.Strict as Map
import Data.Char (toLower)

data SqlType
  = SqlSmallInt | SqlInt | SqlBigInt | SqlNumeric | SqlReal | SqlDouble
  | SqlText | SqlBool | SqlDate | SqlTimestamp | SqlTimestampTz | SqlBytea
  | SqlArray SqlType
  | SqlEnum String
  deriving (Eq, Show)

data HsType = HsType { hsTypeName :: String, hsNullable :: Bool }
  deriving (Eq, Show)

data Column = Column
  { colName     :: String
  , colType     :: SqlType
  , colNullable :: Bool
  } deriving (Eq, Show)

data Table = Table { tableName :: String, tableColumns :: [Column] }
  deriving (Eq, Show)

type Schema = Map.Map String Table

data LensqlError
  = ParseError FilePath Int Int String
  | UnknownTable String
  | UnknownColumn String String
  | UnknownColumnType String String FilePath Int Int
  | AmbiguousColumn String [String]
  | SchemaFileError FilePath String
  deriving (Eq, Show)

renderError :: LensqlError -> String
renderError err = "lensql: " ++ case err of
  ParseError _ l c msg -> "parse error at " ++ show l ++ ":" ++ show c ++ ": " ++ msg
  UnknownTable t -> "unknown table " ++ show t
  UnknownColumn c t -> "unknown column " ++ show c ++ " in table " ++ show t
  UnknownColumnType ty t f l c ->
    "unknown column type '" ++ ty ++ "' in table " ++ show t
      ++ " (" ++ f ++ ":" ++ show l ++ ":" ++ show c ++ ")"
  AmbiguousColumn c cands ->
    "ambiguous column reference " ++ show c ++ " (candidates: " ++ commaSep cands ++ ")"
  SchemaFileError f why -> "could not read schema file " ++ show f ++ ": " ++ why
  where
    commaSep = foldr1 (\a b -> a ++ ", " ++ b)

-- | Map a type name from a CREATE TABLE to a SqlType.
-- The Haskell type for each SqlType is chosen in "Lensql.CodeGen".
mapSqlType :: String -> Maybe SqlType
mapSqlType raw = case map toLower raw of
  "smallint"    -> Just SqlSmallInt
  "int2"        -> Just SqlSmallInt
  "integer"     -> Just SqlInt
  "int"         -> Just SqlInt
  "int4"        -> Just SqlInt
  "serial"      -> Just SqlInt
  "bigint"      -> Just SqlBigInt
  "int8"        -> Just SqlBigInt
  "numeric"     -> Just SqlNumeric
  "decimal"     -> Just SqlNumeric
  "real"        -> Just SqlReal
  "double precision" -> Just SqlDouble
  "text"        -> Just SqlText
  "varchar"     -> Just SqlText
  "boolean"     -> Just SqlBool
  "bool"        -> Just SqlBool
  "date"        -> Just SqlDate
  "timestamp"   -> Just SqlTimestamp
  "timestamptz" -> Just SqlTimestampTz
  "bytea"       -> Just SqlBytea
  t | Just inner <- stripArray t -> SqlArray <$> mapSqlType inner
  _             -> Nothing
  where
    stripArray t = case reverse t of
      ']' : '[' : rest -> Just (reverse rest)
      _ -> Nothing
